package api_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// TestAccessLogCarriesNoEmail: the access log names the route template,
// not the path or the query, and masks an email an error text quotes; a
// request whose path, query and token all carry an email leaves none in
// the log.
func TestAccessLogCarriesNoEmail(t *testing.T) {
	var logs lockedBuffer
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Log: &logs})
	srv := a.Runtime.API()
	srv.Engine().GET("/oops/:who", func(c *gin.Context) {
		api.Fail(c, fmt.Errorf("look up %s: %w", c.Param("who"), errors.New("store down")))
	})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tok := a.Token("carol@example.com")
	for _, path := range []string{
		"/v1/me?email=carol@example.com",
		"/v1/nominations?requester=carol@example.com",
		"/v1/people/carol@example.com",
		"/oops/carol@example.com",
	} {
		req, err := http.NewRequest("GET", ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	routes := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		var l map[string]any
		if json.Unmarshal(sc.Bytes(), &l) == nil && l["msg"] == "http request" {
			routes[fmt.Sprint(l["route"])] = true
			if l["route"] == "/oops/:who" && !strings.Contains(fmt.Sprint(l["error"]), "look up [email]: store down") {
				t.Errorf("error logged as %q", l["error"])
			}
		}
	}
	for _, want := range []string{"/v1/me", "/v1/nominations", "/oops/:who", ""} {
		if !routes[want] {
			t.Errorf("no access line for route %q (got %v)", want, routes)
		}
	}
	if strings.Contains(logs.String(), "@example.com") {
		t.Errorf("the log carries an email:\n%s", logs.String())
	}
}
