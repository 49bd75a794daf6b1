package mail

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net"
	netmail "net/mail"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is a message the sink accepted.
type Received struct {
	From      string
	To        []string
	Subject   string
	MessageID string
	Data      []byte
}

// Sink is a small SMTP server that accepts every message and keeps it in
// memory (and, when Dir is set, writes it to Dir as an .eml file). `pao
// dev` runs one so the emails are readable; the end-to-end tests assert on
// what it received. SetDown simulates an outage.
type Sink struct {
	Dir string

	mu       sync.Mutex
	messages []Received
	down     bool
	srv      *smtp.Server
	addr     *net.TCPAddr
}

// Start listens on addr ("127.0.0.1:0" for a free port).
func (s *Sink) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp sink listen: %w", err)
	}
	srv := smtp.NewServer(sinkBackend{s})
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.AllowInsecureAuth = true
	s.mu.Lock()
	s.srv, s.addr = srv, ln.Addr().(*net.TCPAddr)
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return nil
}

// Addr is the listening address (after Start).
func (s *Sink) Addr() string { s.mu.Lock(); defer s.mu.Unlock(); return s.addr.String() }

// Port is the listening port (after Start).
func (s *Sink) Port() int { s.mu.Lock(); defer s.mu.Unlock(); return s.addr.Port }

// Close stops the server.
func (s *Sink) Close() error {
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("close smtp sink: %w", err)
	}
	return nil
}

// SetDown makes the sink refuse (down=true) or accept mail.
func (s *Sink) SetDown(down bool) { s.mu.Lock(); s.down = down; s.mu.Unlock() }

// Messages returns a copy of what was received.
func (s *Sink) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.messages...)
}

func (s *Sink) store(r Received) error {
	s.mu.Lock()
	s.messages = append(s.messages, r)
	n := len(s.messages)
	s.mu.Unlock()
	if s.Dir == "" {
		return nil
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	name := fmt.Sprintf("%s-%04d.eml", time.Now().UTC().Format("20060102T150405"), n)
	if err := os.WriteFile(filepath.Join(s.Dir, name), r.Data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

type sinkBackend struct{ s *Sink }

func (b sinkBackend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &sinkSession{sink: b.s}, nil
}

type sinkSession struct {
	sink *Sink
	from string
	to   []string
}

var errDown = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "service not available (simulated outage)"}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	ss.sink.mu.Lock()
	down := ss.sink.down
	ss.sink.mu.Unlock()
	if down {
		return errDown
	}
	ss.from = from
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *sinkSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	rec := Received{From: ss.from, To: append([]string(nil), ss.to...), Data: data}
	if m, err := netmail.ReadMessage(bytes.NewReader(data)); err == nil {
		dec := new(mimeDecoder)
		rec.Subject = dec.header(m.Header.Get("Subject"))
		rec.MessageID = m.Header.Get("Message-Id")
	}
	return ss.sink.store(rec)
}

func (ss *sinkSession) Reset()        { ss.from, ss.to = "", nil }
func (ss *sinkSession) Logout() error { return nil }

type mimeDecoder struct{}

func (mimeDecoder) header(v string) string {
	d := new(mime.WordDecoder)
	if s, err := d.DecodeHeader(v); err == nil {
		return s
	}
	return v
}
