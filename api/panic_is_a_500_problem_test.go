package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// TestPanicIsA500Problem: a panicking handler yields a 500 problem with the
// request id, and the server keeps serving.
func TestPanicIsA500Problem(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	srv := a.Runtime.API()
	srv.Engine().GET("/boom", func(*gin.Context) { panic("kaboom") })
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p api.Problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 500 || p.Type != api.ProblemBase+"internal" || p.RequestID == "" || strings.Contains(p.Detail, "kaboom") {
		t.Fatalf("panic response = %d %+v", resp.StatusCode, p)
	}
	if resp2, err := http.Get(ts.URL + "/healthz"); err != nil || resp2.StatusCode != 200 {
		t.Fatalf("after panic: %v", err)
	}
}
