package deploycheck

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// object is one built manifest: its kind and name, its YAML and the typed
// object it decodes to.
type object struct {
	Kind, Name string
	YAML       []byte
	Obj        runtime.Object
}

// strict decodes YAML into the Kubernetes Go type of its apiVersion and
// kind, refusing unknown and duplicate fields.
var strict = kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
	kjson.SerializerOptions{Yaml: true, Strict: true})

// decodeStrict decodes one manifest strictly; an unknown kind, an unknown
// field, a duplicate field or a wrong type is an error.
func decodeStrict(doc []byte) (runtime.Object, error) {
	obj, _, err := strict.Decode(doc, nil, nil)
	if err != nil {
		return nil, err
	}
	return obj, nil
}

// repoRoot walks up from the working directory to the directory of go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// overlays lists the directories under deploy/overlays, sorted.
func overlays(t *testing.T) []string {
	t.Helper()
	root := filepath.Join(repoRoot(t), "deploy", "overlays")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("deploy/overlays: %v", err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(root, e.Name()))
		}
	}
	sort.Strings(dirs)
	if len(dirs) < 2 {
		t.Fatalf("deploy/overlays has %d overlays, want staging and production at least", len(dirs))
	}
	return dirs
}

// kustomize builds the kustomization in dir of fs.
func kustomize(fs filesys.FileSystem, dir string) ([][]byte, error) {
	m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fs, dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	var docs [][]byte
	for _, r := range m.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.CurId(), err)
		}
		docs = append(docs, y)
	}
	return docs, nil
}

// build builds the overlay in dir from disk and decodes every object
// strictly, failing the test on any error.
func build(t *testing.T, dir string) []object {
	t.Helper()
	docs, err := kustomize(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatalf("%s builds no objects", dir)
	}
	objs := make([]object, 0, len(docs))
	for _, doc := range docs {
		obj, err := decodeStrict(doc)
		if err != nil {
			t.Errorf("%s: strict decoding: %v\n%s", filepath.Base(dir), err, doc)
			continue
		}
		acc, err := meta(obj)
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, object{Kind: obj.GetObjectKind().GroupVersionKind().Kind, Name: acc, YAML: doc, Obj: obj})
	}
	return objs
}

// meta returns an object's name.
func meta(obj runtime.Object) (string, error) {
	m, ok := obj.(interface{ GetName() string })
	if !ok {
		return "", fmt.Errorf("%T has no name", obj)
	}
	return m.GetName(), nil
}
