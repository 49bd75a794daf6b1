package api_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestOversizeBodyGetsThe413 sends 4 MiB with a plain HTTP/1.1 client (no
// Expect: 100-continue), once with a Content-Length and once chunked: the
// upload is not cut off by a reset, and the client reads the 413 problem.
func TestOversizeBodyGetsThe413(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	addr := strings.TrimPrefix(a.URL, "http://")
	body := bytes.Repeat([]byte("x"), 4<<20)
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
			head := "POST /v1/nominations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + a.Token("frank@newcomer.example.com") +
				"\r\nContent-Type: application/json\r\n"
			w := bufio.NewWriter(conn)
			if chunked {
				fmt.Fprintf(w, "%sTransfer-Encoding: chunked\r\n\r\n", head)
				for off := 0; off < len(body); off += 64 << 10 {
					fmt.Fprintf(w, "%x\r\n%s\r\n", 64<<10, body[off:off+64<<10])
				}
				fmt.Fprint(w, "0\r\n\r\n")
			} else {
				fmt.Fprintf(w, "%sContent-Length: %d\r\n\r\n", head, len(body))
				_, _ = w.Write(body)
			}
			// Like curl, a client whose upload is cut off reports a reset and
			// never reads the answer: the server must take the whole body.
			if err := w.Flush(); err != nil {
				t.Fatalf("sending the body failed (the server closed on it): %v", err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no response (reset?): %v", err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		})
	}
}
