package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// jnode is a JSON value: an object (members, in order, duplicates allowed)
// or raw JSON text.
type jnode struct {
	raw     string
	members []jmember
	isObj   bool
}

type jmember struct {
	key string // raw JSON text of the key, quotes included
	val jnode
}

func jobj(kv ...any) jnode {
	n := jnode{isObj: true}
	for i := 0; i+1 < len(kv); i += 2 {
		var v jnode
		switch x := kv[i+1].(type) {
		case jnode:
			v = x
		case string:
			v = jstr(x)
		case int:
			v = jnode{raw: strconv.Itoa(x)}
		default:
			panic(fmt.Sprintf("jobj: %T", x))
		}
		n.members = append(n.members, jmember{key: jstr(kv[i].(string)).raw, val: v})
	}
	return n
}

func jstr(s string) jnode {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return jnode{raw: string(b)}
}

// jraw is JSON text as it is (possibly invalid).
func jraw(s string) jnode { return jnode{raw: s} }

func (n jnode) String() string {
	if !n.isObj {
		return n.raw
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range n.members {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(m.key + ":" + m.val.String())
	}
	b.WriteByte('}')
	return b.String()
}

// stringFields lists the dotted paths of the string values.
func (n jnode) stringFields(prefix string) []string {
	var out []string
	for _, m := range n.members {
		var k string
		_ = json.Unmarshal([]byte(m.key), &k)
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		switch {
		case m.val.isObj:
			out = append(out, m.val.stringFields(p)...)
		case strings.HasPrefix(m.val.raw, `"`):
			out = append(out, p)
		}
	}
	return out
}

// fields lists the dotted paths of every leaf value.
func (n jnode) fields(prefix string) []string {
	var out []string
	for _, m := range n.members {
		var k string
		_ = json.Unmarshal([]byte(m.key), &k)
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		if m.val.isObj {
			out = append(out, m.val.fields(p)...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// at returns the value at a dotted path.
func (n jnode) at(path string) jnode {
	head, rest, nested := strings.Cut(path, ".")
	for _, m := range n.members {
		if m.key == jstr(head).raw {
			if nested {
				return m.val.at(rest)
			}
			return m.val
		}
	}
	panic("no member " + path)
}

// with returns a copy with the value at path replaced by v.
func (n jnode) with(path string, v jnode) jnode {
	head, rest, nested := strings.Cut(path, ".")
	out := jnode{isObj: true}
	for _, m := range n.members {
		if m.key == jstr(head).raw {
			if nested {
				m.val = m.val.with(rest, v)
			} else {
				m.val = v
			}
		}
		out.members = append(out.members, m)
	}
	return out
}

// dup returns a copy where the member at path appears twice (the second
// time with v).
func (n jnode) dup(path string, v jnode) jnode {
	head, rest, nested := strings.Cut(path, ".")
	out := jnode{isObj: true}
	for _, m := range n.members {
		if m.key == jstr(head).raw {
			if nested {
				out.members = append(out.members, jmember{m.key, m.val.dup(rest, v)})
				continue
			}
			out.members = append(out.members, m, jmember{m.key, v})
			continue
		}
		out.members = append(out.members, m)
	}
	return out
}

// plus returns a copy with an extra member (key is raw JSON text).
func (n jnode) plus(rawKey string, v jnode) jnode {
	out := jnode{isObj: true, members: slices.Clone(n.members)}
	out.members = append(out.members, jmember{rawKey, v})
	return out
}

// nested is depth arrays one inside the other.
func nested(depth int) string {
	return strings.Repeat("[", depth) + strings.Repeat("]", depth)
}

// nestedObjects is depth objects one inside the other.
func nestedObjects(depth int) string {
	return strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
}
