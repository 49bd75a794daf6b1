package deploycheck

import (
	"strings"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/filesys"
)

const goodDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector:
    matchLabels: {app: broken}
  template:
    metadata:
      labels: {app: broken}
    spec:
      containers:
        - name: c
          image: registry.example.com/c:1.0.0
          readinessProbe:
            httpGet: {path: /readyz, port: 8080}
`

// TestStrictDecodingRefusesBrokenManifests: a manifest with a misspelled
// or unknown field, a value of the wrong type or an unknown kind builds
// with kustomize (which does not validate) and is refused by the strict
// decoding, so the overlay test would fail on it; the unbroken manifest
// passes the same path.
func TestStrictDecodingRefusesBrokenManifests(t *testing.T) {
	cases := map[string]string{
		"unbroken":                   goodDeployment,
		"misspelled spec field":      strings.Replace(goodDeployment, "  selector:", "  replica: 2\n  selector:", 1),
		"misspelled container field": strings.Replace(goodDeployment, "          image:", "          imagePullPolice: Always\n          image:", 1),
		"misspelled probe field":     strings.Replace(goodDeployment, "httpGet:", "httpGett:", 1),
		"wrong type":                 strings.Replace(goodDeployment, "port: 8080", "port: [8080]", 1),
		"unknown kind":               strings.Replace(goodDeployment, "kind: Deployment", "kind: Deploymnet", 1),
	}
	for name, manifest := range cases {
		t.Run(name, func(t *testing.T) {
			fs := filesys.MakeFsInMemory()
			for path, body := range map[string]string{
				"/app/kustomization.yaml": "resources:\n  - deployment.yaml\nnamespace: test\n",
				"/app/deployment.yaml":    manifest,
			} {
				if err := fs.WriteFile(path, []byte(body)); err != nil {
					t.Fatal(err)
				}
			}
			docs, err := kustomize(fs, "/app")
			if err != nil {
				t.Fatalf("kustomize refused it already (the check is meant to be the strict decoding): %v", err)
			}
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			_, err = decodeStrict(docs[0])
			if name == "unbroken" {
				if err != nil {
					t.Fatalf("the unbroken manifest is refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("decoded without error:\n%s", docs[0])
			}
			t.Logf("refused: %v", err)
		})
	}
}

// TestStrictDecodingRefusesDuplicateFields: a field given twice (which
// kustomize's own YAML parser already refuses in a file) is refused by the
// decoding too, with the Kubernetes types' strict mode.
func TestStrictDecodingRefusesDuplicateFields(t *testing.T) {
	dup := strings.Replace(goodDeployment, "  name: broken\n", "  name: broken\n  name: twice\n", 1)
	if _, err := decodeStrict([]byte(dup)); err == nil {
		t.Fatalf("decoded without error:\n%s", dup)
	}
	if _, err := decodeStrict([]byte(goodDeployment)); err != nil {
		t.Fatalf("the unbroken manifest is refused: %v", err)
	}
}
