package render

import (
	"encoding/binary"
	"hash/maphash"
	"html/template"
	"maps"
	"math"
	"math/bits"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/okrsite/okrsite"
)

// Reads keeps, from one build of a site to the next, what each file read
// of the content, so that the next build renders again only the files
// that read what changed. A Builder keeps one; a single build needs none.
//
// What a file read is the entities (teams, periods, objectives, key
// results, KPIs, notes, pictures) that its page's data holds, found by
// walking that data as the page renders, with the entities each of them
// names through a field, as a template reaches them (a key result's
// objective, its team, its period and the period's notes). A list an
// entity holds (a period's objectives, a team's children) is read only
// as the page's data gives it. Whether an entity changed is told by a
// fingerprint of its fields: each value it holds, and the identity of each
// entity it names. Both are worked out by reflection, so a new field or a
// new page needs no word here.
//
// A build renders again the files that read an entity that changed (or
// that is new, or gone); the files about an entity (see job.about) that a
// changed entity names, directly or through others of other kinds (a key
// result's new check-in touches its objective, team and period, so their
// pages, which list what is beneath them, render again); the files whose subject names
// no entity but holds other entities than before (a person's page when an
// objective changes owner); new files; and the files about nothing in particular, which show
// a little of everything. Reads assumes that the settings, the templates,
// the language, the options and the report date stay as they were: a
// build that changes any of them starts afresh (Reset).
type Reads struct {
	seed   maphash.Seed
	ids    map[identity]int32     // each entity's number, by identity
	kinds  map[int32]reflect.Type // each entity's type, by number
	prints map[int32]uint64       // each entity's fingerprint at the last build
	refs   map[int32][]int32      // the entities each entity named at the last build
	files  map[string]fileRead    // by path
	pieces map[int32][]int32      // what each objective's cached pieces read, by its number
	reach  map[int32][]int32      // what a template reaches from each entity, at the last build
	built  bool                   // the maps hold a build
}

// fileRead is what one file read in the build that rendered it last.
type fileRead struct {
	read    []int32 // the entities it read, sorted
	about   []int32 // the entities it is about
	members uint64  // which entities its subject held
}

// NewReads returns Reads that hold no build: the next build is whole.
func NewReads() *Reads {
	r := &Reads{seed: maphash.MakeSeed(), ids: map[identity]int32{}, kinds: map[int32]reflect.Type{}}
	r.Reset()
	return r
}

// Reset forgets the last build, so that the next renders every file.
func (r *Reads) Reset() {
	r.prints, r.refs, r.files, r.pieces, r.reach, r.built = map[int32]uint64{}, map[int32][]int32{}, map[string]fileRead{}, map[int32][]int32{}, map[int32][]int32{}, false
}

// static is what the files that change only with the templates and the
// settings are about: the static files and 404.html.
var static = &struct{ static bool }{true}

// entityTypes are the types of the content's entities, each with its
// identity: what names it from one load of the site to the next.
var entityTypes = map[reflect.Type]func(unsafe.Pointer) identity{
	reflect.TypeFor[*okrsite.Team]():   func(p unsafe.Pointer) identity { return identity{kind: "team", a: (*okrsite.Team)(p).ID} },
	reflect.TypeFor[*okrsite.Period](): func(p unsafe.Pointer) identity { return identity{kind: "period", a: (*okrsite.Period)(p).ID} },
	reflect.TypeFor[*okrsite.Objective](): func(p unsafe.Pointer) identity {
		return objectiveIdentity((*okrsite.Objective)(p).Period.ID, (*okrsite.Objective)(p).ID)
	},
	reflect.TypeFor[*okrsite.KeyResult](): func(p unsafe.Pointer) identity {
		kr := (*okrsite.KeyResult)(p)
		return identity{kind: "key result", a: kr.Objective.Period.ID, b: kr.Objective.ID, c: kr.ID}
	},
	reflect.TypeFor[*okrsite.KPI]():     func(p unsafe.Pointer) identity { return identity{kind: "kpi", a: (*okrsite.KPI)(p).ID} },
	reflect.TypeFor[*okrsite.Picture](): func(p unsafe.Pointer) identity { return identity{kind: "picture", a: (*okrsite.Picture)(p).Path} },
	reflect.TypeFor[*okrsite.Note](): func(p unsafe.Pointer) identity {
		return identity{kind: "note", a: (*okrsite.Note)(p).Path, n: (*okrsite.Note)(p).Line}
	},
}

// identity names an entity from one load of the site to the next: its
// kind and the ids that name it (a key result's period, objective and
// own id; a note's path and line). Its parts are the entity's own
// strings, so naming an entity makes no new one.
type identity struct {
	kind    string
	a, b, c string
	n       int
}

// objectiveIdentity is the identity of the objective id of period.
func objectiveIdentity(period, id string) identity {
	return identity{kind: "objective", a: period, b: id}
}

// shape is what Reads knows of a type: whether a value of it can hold an
// entity and, for a struct, which of its fields can. The walks look into
// those fields only.
type shape struct {
	holds  bool
	fields []int
}

// typeShapes caches each type's shape.
var typeShapes sync.Map // reflect.Type → *shape

// shapeOf returns the shape of t.
func shapeOf(t reflect.Type) *shape {
	if s, ok := typeShapes.Load(t); ok {
		return s.(*shape)
	}
	visiting := map[reflect.Type]bool{}
	s := &shape{holds: canHold(t, visiting)}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			if canHold(t.Field(i).Type, visiting) {
				s.fields = append(s.fields, i)
			}
		}
	}
	typeShapes.Store(t, s)
	return s
}

// holds reports whether a value of type t can hold an entity.
func holds(t reflect.Type) bool { return shapeOf(t).holds }

// canHold reports whether a value of type t can hold an entity; a type
// in visiting, being looked into (a type that holds itself), is taken to.
func canHold(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if s, ok := typeShapes.Load(t); ok {
		return s.(*shape).holds
	}
	if visiting[t] {
		return true
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Pointer:
		return entityTypes[t] != nil || canHold(t.Elem(), visiting)
	case reflect.Slice, reflect.Array:
		return canHold(t.Elem(), visiting)
	case reflect.Map:
		return canHold(t.Key(), visiting) || canHold(t.Elem(), visiting)
	case reflect.Interface:
		return true
	case reflect.Struct:
		for i := range t.NumField() {
			if canHold(t.Field(i).Type, visiting) {
				return true
			}
		}
	}
	return false
}

// reading is one build's use of Reads.
type reading struct {
	reads   *Reads
	mu      sync.Mutex               // guards reads.ids, files and pieces while pages render
	ptrs    map[unsafe.Pointer]int32 // the site's entities' numbers, set by begin
	reach   sync.Map                 // entity number → what a template reaches from it
	abouts  sync.Map                 // a file's subject, not an entity → the idSet it holds
	prints  map[int32]uint64
	refs    map[int32][]int32
	changed idSet          // entities changed, new or gone since the last build
	touched map[int32]bool // those and the entities they name, directly or not; nil in a whole build
	members map[unsafe.Pointer]uint64
	files   map[string]fileRead // the files rendered
	pieces  map[int32][]int32   // the pieces rendered
}

// begin starts a build of site: it fingerprints every entity and, when r
// holds a build, finds what changed since. A note's fingerprint takes in
// its HTML, from notes, which depends on more than the note (the ids of
// its headings count the notes before it).
func (r *Reads) begin(site *okrsite.Site, notes map[*okrsite.Note]template.HTML) *reading {
	rd := &reading{reads: r, ptrs: make(map[unsafe.Pointer]int32, len(r.prints)), members: map[unsafe.Pointer]uint64{},
		files: map[string]fileRead{}, pieces: map[int32][]int32{}}
	entities := rd.entities(site)
	rd.prints, rd.refs = make(map[int32]uint64, len(entities)), make(map[int32][]int32, len(entities))
	// A large site has tens of thousands of entities: they are hashed on
	// every processor, each with its own share.
	type print struct {
		id    int32
		print uint64
		refs  []int32
	}
	workers := runtime.GOMAXPROCS(0)
	prints := make([][]print, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var h maphash.Hash
			h.SetSeed(r.seed)
			for i := w; i < len(entities); i += workers {
				v := entities[i]
				p := print{rd.ptrs[v.UnsafePointer()], rd.fingerprint(&h, v), rd.named(v)}
				if n, ok := v.Interface().(*okrsite.Note); ok {
					p.print ^= maphash.String(r.seed, string(notes[n]))
				}
				prints[w] = append(prints[w], p)
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for _, p := range prints[w] {
			rd.prints[p.id], rd.refs[p.id] = p.print, p.refs
		}
	}
	if !r.built {
		return rd
	}
	rd.touched = map[int32]bool{}
	for id, p := range rd.prints {
		if old, ok := r.prints[id]; !ok || old != p {
			rd.changed.add(id)
		}
	}
	for id := range r.prints {
		if _, ok := rd.prints[id]; !ok {
			rd.changed.add(id)
		}
	}
	// An entity that comes, goes or names others than before changes
	// what is said of those it names, old and new: a KPI's health names
	// the key results that lift it.
	for _, id := range rd.changed.sorted() {
		if old, cur := r.refs[id], rd.refs[id]; !slices.Equal(old, cur) {
			for _, n := range slices.Concat(old, cur) {
				rd.changed.add(n)
			}
		}
	}
	// A change touches what holds it: the entities of other kinds that
	// it names, and theirs. An entity of the same kind (a parent, the
	// objective it carries on) is a peer: a page about it reads what it
	// shows of this one.
	var touch func(id int32)
	touch = func(id int32) {
		if rd.touched[id] {
			return
		}
		rd.touched[id] = true
		for _, n := range slices.Concat(rd.refs[id], r.refs[id]) {
			if r.kinds[n] != r.kinds[id] {
				touch(n)
			}
		}
	}
	for _, id := range rd.changed.sorted() {
		touch(id)
	}
	return rd
}

// incremental reports whether the build renders only what changed.
func (rd *reading) incremental() bool { return rd != nil && rd.touched != nil }

// id returns the number of the entity v, a pointer of one of entityTypes.
// Once begin has numbered the site's entities, it only looks them up.
func (rd *reading) id(v reflect.Value) int32 { return rd.idAt(v.Type(), v.UnsafePointer()) }

// idAt returns the number of the entity at p, of type t.
func (rd *reading) idAt(t reflect.Type, p unsafe.Pointer) int32 {
	if id, ok := rd.ptrs[p]; ok {
		return id
	}
	return rd.number(t, p)
}

// number returns the number of the entity at p, of type t, by its
// identity: the one it had in earlier builds, or a new one.
func (rd *reading) number(t reflect.Type, p unsafe.Pointer) int32 {
	name := entityTypes[t](p)
	rd.mu.Lock()
	defer rd.mu.Unlock()
	id, ok := rd.reads.ids[name]
	if !ok {
		id = int32(len(rd.reads.ids))
		rd.reads.ids[name] = id
		rd.reads.kinds[id] = t
	}
	return id
}

// entities returns every entity of site, and numbers each in rd.ptrs.
func (rd *reading) entities(site *okrsite.Site) []reflect.Value {
	var out []reflect.Value
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if t := v.Type(); entityTypes[t] != nil {
				p := v.UnsafePointer()
				if _, seen := rd.ptrs[p]; seen {
					return
				}
				rd.ptrs[p] = rd.number(t, p)
				out = append(out, v)
			}
			walk(v.Elem())
		default:
			eachHeld(v, walk)
		}
	}
	walk(reflect.ValueOf(site)) // a site holds entities
	return out
}

// fingerprint returns a hash of the fields of the entity v: of each value
// it holds, and of the number of each entity it names. It hashes with h,
// which it resets first.
func (rd *reading) fingerprint(h *maphash.Hash, v reflect.Value) uint64 {
	h.Reset()
	hashFor(v.Type().Elem())(rd, h, v.UnsafePointer())
	return h.Sum64()
}

// hashFunc adds to h the value of its type at p (or, made by membersFor,
// its members).
type hashFunc func(rd *reading, h *maphash.Hash, p unsafe.Pointer)

// hashFuncs holds each type's hashFunc, made once: a build fingerprints
// tens of thousands of entities and hundreds of thousands of check-ins,
// and looking at each field's kind again every time took most of it.
var hashFuncs sync.Map // reflect.Type → hashFunc

// hashFor returns the hashFunc of type t.
func hashFor(t reflect.Type) hashFunc { return funcFor(&hashFuncs, t, makeHash) }

// funcFor returns the function for type t that funcs holds, made by newFunc
// and kept there the first time t is asked for.
func funcFor[F any](funcs *sync.Map, t reflect.Type, newFunc func(reflect.Type) F) F {
	if f, ok := funcs.Load(t); ok {
		return f.(F)
	}
	f := newFunc(t)
	funcs.Store(t, f)
	return f
}

// makeHash makes the hashFunc of type t. A value's hash takes in each
// value it holds, and for a pointer to an entity only the entity's number.
// The elements of a pointer, slice or map are looked up when first hashed,
// so that a type may hold itself.
func makeHash(t reflect.Type) hashFunc {
	switch t.Kind() {
	case reflect.Pointer:
		if entityTypes[t] != nil {
			return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
				if q := *(*unsafe.Pointer)(p); q == nil {
					h.WriteByte(0)
				} else {
					h.WriteByte(1)
					word(h, uint64(rd.idAt(t, q)))
				}
			}
		}
		elem := sync.OnceValue(func() hashFunc { return hashFor(t.Elem()) })
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			if q := *(*unsafe.Pointer)(p); q == nil {
				h.WriteByte(0)
			} else {
				h.WriteByte(2)
				elem()(rd, h, q)
			}
		}
	case reflect.Struct:
		all := make([]int, t.NumField())
		for i := range all {
			all[i] = i
		}
		return structHash(t, all, hashFor)
	case reflect.Slice:
		elem, size := sync.OnceValue(func() hashFunc { return hashFor(t.Elem()) }), t.Elem().Size()
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			v := reflect.NewAt(t, p).Elem()
			word(h, uint64(v.Len()))
			if v.Len() > 0 {
				hashElems(rd, h, v.UnsafePointer(), v.Len(), size, elem())
			}
		}
	case reflect.Array:
		elem, size, n := hashFor(t.Elem()), t.Elem().Size(), t.Len()
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) { hashElems(rd, h, p, n, size, elem) }
	case reflect.Map:
		key := sync.OnceValue(func() hashFunc { return hashFor(t.Key()) })
		elem := sync.OnceValue(func() hashFunc { return hashFor(t.Elem()) })
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			word(h, uint64(reflect.NewAt(t, p).Elem().Len()))
			word(h, mapSum(rd, t, p, key(), elem()))
		}
	case reflect.Interface:
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			v := reflect.NewAt(t, p).Elem()
			if v.IsNil() {
				h.WriteByte(0)
				return
			}
			d := reflect.New(v.Elem().Type()).Elem()
			d.Set(v.Elem())
			h.WriteString(d.Type().String())
			hashFor(d.Type())(rd, h, d.Addr().UnsafePointer())
		}
	case reflect.String:
		return func(_ *reading, h *maphash.Hash, p unsafe.Pointer) {
			s := *(*string)(p)
			word(h, uint64(len(s)))
			h.WriteString(s)
		}
	case reflect.Bool:
		return func(_ *reading, h *maphash.Hash, p unsafe.Pointer) {
			if *(*bool)(p) {
				h.WriteByte(1)
			} else {
				h.WriteByte(0)
			}
		}
	case reflect.Float32:
		return func(_ *reading, h *maphash.Hash, p unsafe.Pointer) {
			word(h, math.Float64bits(float64(*(*float32)(p))))
		}
	case reflect.Float64:
		return func(_ *reading, h *maphash.Hash, p unsafe.Pointer) { word(h, math.Float64bits(*(*float64)(p))) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		size, signed := t.Size(), t.Kind() <= reflect.Int64
		return func(_ *reading, h *maphash.Hash, p unsafe.Pointer) { word(h, integer(p, size, signed)) }
	}
	panic("render: an entity holds a " + t.String() + ", which Reads cannot compare")
}

// mapSum returns the hash of the map of type t at p, in no order: the sum
// of each entry's hash, its key's by key and its value's by elem.
func mapSum(rd *reading, t reflect.Type, p unsafe.Pointer, key, elem hashFunc) uint64 {
	m := reflect.NewAt(t, p).Elem()
	k, e := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
	var sum uint64
	for it := m.MapRange(); it.Next(); {
		k.SetIterKey(it)
		e.SetIterValue(it)
		var eh maphash.Hash
		eh.SetSeed(rd.reads.seed)
		key(rd, &eh, k.Addr().UnsafePointer())
		elem(rd, &eh, e.Addr().UnsafePointer())
		sum += eh.Sum64()
	}
	return sum
}

// integer reads the integer of size bytes at p, signed or not.
func integer(p unsafe.Pointer, size uintptr, signed bool) uint64 {
	switch {
	case size == 1 && signed:
		return uint64(*(*int8)(p))
	case size == 1:
		return uint64(*(*uint8)(p))
	case size == 2 && signed:
		return uint64(*(*int16)(p))
	case size == 2:
		return uint64(*(*uint16)(p))
	case size == 4 && signed:
		return uint64(*(*int32)(p))
	case size == 4:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

// hashElems hashes the n values of size at p, one after another.
func hashElems(rd *reading, h *maphash.Hash, p unsafe.Pointer, n int, size uintptr, hash hashFunc) {
	for i := range n {
		hash(rd, h, unsafe.Add(p, uintptr(i)*size))
	}
}

// word adds u to h.
func word(h *maphash.Hash, u uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], u)
	h.Write(b[:])
}

// named returns the entities that the entity v names through a field of
// its own, not through a list: its team, period, parent, objective.
func (rd *reading) named(v reflect.Value) []int32 {
	var out []int32
	e := v.Elem()
	for i := range e.NumField() {
		if f := e.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() && entityTypes[f.Type()] != nil {
			out = append(out, rd.id(f))
		}
	}
	return out
}

// reachable returns the entities a template reaches from the entity v,
// v included: through its fields that name an entity and the maps it
// holds, and theirs in turn, but not through the lists it holds. What
// it reached at the last build holds while none of those entities
// changed: their fingerprints take in the entities they name.
func (rd *reading) reachable(v reflect.Value) []int32 {
	id := rd.id(v)
	if r, ok := rd.reach.Load(id); ok {
		return r.([]int32)
	}
	if last, ok := rd.reads.reach[id]; ok && rd.incremental() && !rd.anyChanged(last) {
		rd.reach.Store(id, last)
		return last
	}
	seen := map[int32]bool{}
	var out []int32
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		if v.Kind() != reflect.Pointer || v.IsNil() || entityTypes[v.Type()] == nil {
			return
		}
		id := rd.id(v)
		if seen[id] {
			return
		}
		seen[id] = true
		out = append(out, id)
		e := v.Elem()
		for i := range e.NumField() {
			switch f := e.Field(i); f.Kind() {
			case reflect.Pointer:
				visit(f)
			case reflect.Map:
				for it := f.MapRange(); it.Next(); {
					visit(it.Key())
					visit(it.Value())
				}
			}
		}
	}
	visit(v)
	rd.reach.Store(id, out)
	return out
}

// idSet is a set of entity numbers, a bit each.
type idSet []uint64

// add adds id to the set.
func (s *idSet) add(id int32) {
	w := int(id / 64)
	if w >= len(*s) {
		*s = append(*s, make(idSet, w+1-len(*s))...)
	}
	(*s)[w] |= 1 << (id % 64)
}

// has reports whether id is in the set.
func (s idSet) has(id int32) bool {
	w := int(id / 64)
	return w < len(s) && s[w]&(1<<(id%64)) != 0
}

// union adds the members of o to the set.
func (s *idSet) union(o idSet) {
	if len(o) > len(*s) {
		*s = append(*s, make(idSet, len(o)-len(*s))...)
	}
	for i, w := range o {
		(*s)[i] |= w
	}
}

// sorted returns the members of the set, in order.
func (s idSet) sorted() []int32 {
	var n int
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	out := make([]int32, 0, n)
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			out = append(out, int32(i*64+bits.TrailingZeros64(w)))
		}
	}
	return out
}

// reader collects what one file reads.
type reader struct {
	rd   *reading
	read idSet
	seen map[unsafe.Pointer]bool // the other pointers walked
}

func (rd *reading) reader() *reader {
	if rd == nil {
		return nil
	}
	return &reader{rd: rd, seen: map[unsafe.Pointer]bool{}}
}

// walk notes the entities that x holds, and what they reach.
func (rr *reader) walk(x any) {
	if rr == nil || x == nil {
		return
	}
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Pointer {
		// The pointer itself, held in a variable of its own.
		p := v.UnsafePointer()
		walkFor(v.Type())(rr, unsafe.Pointer(&p))
		return
	}
	if holds(v.Type()) {
		c := reflect.New(v.Type())
		c.Elem().Set(v)
		walkFor(v.Type())(rr, c.UnsafePointer())
	}
}

// walkAbout walks x, a file's subject, as walk does. Several files have
// the same subject (a period's report, print edition and export), and a
// large one: what a subject that is not an entity holds is walked once
// in a build, and each file that is about it, or whose page's data holds
// it again, takes the result.
func (rr *reader) walkAbout(x any) {
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Pointer || v.IsNil() || entityTypes[v.Type()] != nil || !holds(v.Type()) {
		rr.walk(x)
		return
	}
	p := v.UnsafePointer()
	held, ok := rr.rd.abouts.Load(p)
	if !ok {
		sub := rr.rd.reader()
		sub.seen[p] = true
		walkFor(v.Type().Elem())(sub, p)
		held, _ = rr.rd.abouts.LoadOrStore(p, sub.read)
	}
	rr.read.union(held.(idSet))
	rr.seen[p] = true
}

// entity notes the entity of type t at p, and what it reaches.
func (rr *reader) entity(t reflect.Type, p unsafe.Pointer) {
	if id := rr.rd.idAt(t, p); !rr.read.has(id) {
		for _, r := range rr.rd.reachable(reflect.NewAt(t.Elem(), p)) {
			rr.read.add(r)
		}
	}
}

// walkFunc notes, for a reader, the entities that the value of its type
// at p holds.
type walkFunc func(rr *reader, p unsafe.Pointer)

// walkFuncs holds each type's walkFunc, made once: a page of a large
// site's period holds tens of thousands of values, and looking at each
// one's type again every time took most of the walk.
var walkFuncs sync.Map // reflect.Type → walkFunc

// walkFor returns the walkFunc of type t.
func walkFor(t reflect.Type) walkFunc { return funcFor(&walkFuncs, t, makeWalk) }

// skip is the walkFunc of a type that holds no entity.
func skip(*reader, unsafe.Pointer) {}

// makeWalk makes the walkFunc of type t. It looks into what can hold an
// entity only (see shapeOf), and into the value a pointer that is not an
// entity points at once for each reader. The walkFuncs of the elements of
// a pointer, slice or map are looked up when first called, so that a type
// may hold itself.
func makeWalk(t reflect.Type) walkFunc {
	if !holds(t) {
		return skip
	}
	switch t.Kind() {
	case reflect.Pointer:
		if entityTypes[t] != nil {
			return func(rr *reader, p unsafe.Pointer) {
				if q := *(*unsafe.Pointer)(p); q != nil {
					rr.entity(t, q)
				}
			}
		}
		elem := sync.OnceValue(func() walkFunc { return walkFor(t.Elem()) })
		return func(rr *reader, p unsafe.Pointer) {
			if q := *(*unsafe.Pointer)(p); q != nil && !rr.seen[q] {
				rr.seen[q] = true
				elem()(rr, q)
			}
		}
	case reflect.Struct:
		type field struct {
			off  uintptr
			walk walkFunc
		}
		var fields []field
		for _, i := range shapeOf(t).fields {
			fields = append(fields, field{t.Field(i).Offset, walkFor(t.Field(i).Type)})
		}
		return func(rr *reader, p unsafe.Pointer) {
			for _, f := range fields {
				f.walk(rr, unsafe.Add(p, f.off))
			}
		}
	case reflect.Slice:
		elem, size := sync.OnceValue(func() walkFunc { return walkFor(t.Elem()) }), t.Elem().Size()
		return func(rr *reader, p unsafe.Pointer) {
			v := reflect.NewAt(t, p).Elem()
			if n := v.Len(); n > 0 {
				walkElems(rr, v.UnsafePointer(), n, size, elem())
			}
		}
	case reflect.Array:
		elem, size, n := walkFor(t.Elem()), t.Elem().Size(), t.Len()
		return func(rr *reader, p unsafe.Pointer) { walkElems(rr, p, n, size, elem) }
	}
	// A map or an interface: rare in a page's data, walked by reflection.
	return func(rr *reader, p unsafe.Pointer) { rr.value(reflect.NewAt(t, p).Elem()) }
}

// walkElems walks the n values of size at p, one after another.
func walkElems(rr *reader, p unsafe.Pointer, n int, size uintptr, walk walkFunc) {
	for i := range n {
		walk(rr, unsafe.Add(p, uintptr(i)*size))
	}
}

// value notes the entities that v, of a type that can hold one, holds:
// the walk by reflection of what has no walkFunc of its own.
func (rr *reader) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if entityTypes[v.Type()] != nil {
			rr.entity(v.Type(), v.UnsafePointer())
			return
		}
		if p := v.UnsafePointer(); !rr.seen[p] {
			rr.seen[p] = true
			rr.value(v.Elem())
		}
	default:
		eachHeld(v, rr.value)
	}
}

// eachHeld calls f with each value that v, a struct, slice, array, map or
// interface that can hold an entity, holds and that can hold one too: the
// fields shapeOf names, the elements, the keys and values, the dynamic
// value. The walks of entities and of a page's reads differ only at
// pointers.
func eachHeld(v reflect.Value, f func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Struct:
		for _, i := range shapeOf(v.Type()).fields {
			f(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			f(v.Index(i))
		}
	case reflect.Map:
		keys, elems := holds(v.Type().Key()), holds(v.Type().Elem())
		for it := v.MapRange(); it.Next(); {
			if keys {
				f(it.Key())
			}
			if elems {
				f(it.Value())
			}
		}
	case reflect.Interface:
		if !v.IsNil() && holds(v.Elem().Type()) {
			f(v.Elem())
		}
	}
}

// sorted returns the entities read, sorted.
func (rr *reader) sorted() []int32 { return rr.read.sorted() }

// about returns the entities that x, what a file is about, is or names
// directly: a team, or a team's period's team and period.
func (rd *reading) about(x any) []int32 {
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	if entityTypes[v.Type()] != nil {
		return []int32{rd.id(v)}
	}
	var out []int32
	if e := v.Elem(); e.Kind() == reflect.Struct {
		for i := range e.NumField() {
			if f := e.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() && entityTypes[f.Type()] != nil {
				out = append(out, rd.id(f))
			}
		}
	}
	return out
}

// subject returns the entities that x, what a file is about, names (see
// about) and, when it names none, a hash of the entities it holds, in the
// order it holds them, without what they reach: which objectives a person
// owns. What a subject that names an entity holds changes only when that
// entity is touched.
func (rd *reading) subject(x any) (about []int32, members uint64) {
	if about = rd.about(x); len(about) > 0 {
		return about, 0
	}
	return nil, rd.membersOf(x)
}

// membersOf returns the hash of the entities x holds, for subject.
func (rd *reading) membersOf(x any) uint64 {
	var h maphash.Hash
	h.SetSeed(rd.reads.seed)
	if x != nil {
		v := reflect.ValueOf(x)
		c := reflect.New(v.Type())
		c.Elem().Set(v)
		membersFor(v.Type())(rd, &h, c.UnsafePointer())
	}
	return h.Sum64()
}

// structHash returns the hashFunc of struct type t that adds, in order,
// what the hashFunc that funcOf gives for each of the numbered fields adds.
func structHash(t reflect.Type, numbers []int, funcOf func(reflect.Type) hashFunc) hashFunc {
	type field struct {
		off  uintptr
		hash hashFunc
	}
	fields := make([]field, len(numbers))
	for j, i := range numbers {
		fields[j] = field{t.Field(i).Offset, funcOf(t.Field(i).Type)}
	}
	return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
		for _, f := range fields {
			f.hash(rd, h, unsafe.Add(p, f.off))
		}
	}
}

// memberHashes holds each type's hashFunc of its members (see
// membersFor), made once.
var memberHashes sync.Map // reflect.Type → hashFunc

// membersFor returns the hashFunc that adds to h the entities that a
// value of type t holds, in order: of each entity its number, and of each
// other value a pointer leads to, the hash of what it holds, worked out
// once a build.
func membersFor(t reflect.Type) hashFunc { return funcFor(&memberHashes, t, makeMembers) }

// makeMembers makes the hashFunc of type t's members. It looks into what
// can hold an entity only (see shapeOf); the hashFuncs of the elements of
// a pointer, slice or map are looked up when first called, so that a
// type may hold itself.
func makeMembers(t reflect.Type) hashFunc {
	if !holds(t) {
		return func(*reading, *maphash.Hash, unsafe.Pointer) {}
	}
	switch t.Kind() {
	case reflect.Pointer:
		if entityTypes[t] != nil {
			return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
				if q := *(*unsafe.Pointer)(p); q != nil {
					word(h, uint64(rd.idAt(t, q)))
				}
			}
		}
		elem := sync.OnceValue(func() hashFunc { return membersFor(t.Elem()) })
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return
			}
			sum, ok := rd.members[q]
			if !ok {
				rd.members[q] = 0 // while it is walked: a value that holds itself
				var e maphash.Hash
				e.SetSeed(rd.reads.seed)
				elem()(rd, &e, q)
				sum = e.Sum64()
				rd.members[q] = sum
			}
			word(h, sum)
		}
	case reflect.Struct:
		return structHash(t, shapeOf(t).fields, membersFor)
	case reflect.Slice:
		elem, size := sync.OnceValue(func() hashFunc { return membersFor(t.Elem()) }), t.Elem().Size()
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			v := reflect.NewAt(t, p).Elem()
			for i := range v.Len() {
				elem()(rd, h, unsafe.Add(v.UnsafePointer(), uintptr(i)*size))
			}
		}
	case reflect.Array:
		elem, size, n := membersFor(t.Elem()), t.Elem().Size(), t.Len()
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
			for i := range n {
				elem(rd, h, unsafe.Add(p, uintptr(i)*size))
			}
		}
	case reflect.Map:
		key := sync.OnceValue(func() hashFunc { return membersFor(t.Key()) })
		elem := sync.OnceValue(func() hashFunc { return membersFor(t.Elem()) })
		return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) { word(h, mapSum(rd, t, p, key(), elem())) }
	}
	// An interface: its dynamic value's.
	return func(rd *reading, h *maphash.Hash, p unsafe.Pointer) {
		if v := reflect.NewAt(t, p).Elem(); !v.IsNil() {
			d := reflect.New(v.Elem().Type())
			d.Elem().Set(v.Elem())
			membersFor(d.Type().Elem())(rd, h, d.UnsafePointer())
		}
	}
}

// stale reports whether the build renders the file of j again, whose
// subject holds members; see Reads.
func (rd *reading) stale(j job, members uint64) bool {
	if !rd.incremental() || j.about == nil {
		return true
	}
	if j.about == static {
		return false
	}
	last, ok := rd.reads.files[j.path]
	if !ok || last.members != members {
		return true
	}
	if rd.anyChanged(last.read) {
		return true
	}
	for _, id := range last.about {
		if !rd.touched[id] {
			return false
		}
	}
	return len(last.about) > 0
}

// anyChanged reports whether any of the entities read changed.
func (rd *reading) anyChanged(read []int32) bool {
	for _, id := range read {
		if rd.changed.has(id) {
			return true
		}
	}
	return false
}

// keepPiece reports whether the pieces of the objective id of period,
// kept from the last build, still hold.
func (rd *reading) keepPiece(period, id string) bool {
	n, ok := rd.reads.ids[objectiveIdentity(period, id)]
	read, kept := rd.reads.pieces[n]
	return ok && kept && !rd.touched[n] && !rd.anyChanged(read)
}

// rendered notes what the file at path read.
func (rd *reading) rendered(path string, about []int32, members uint64, rr *reader) {
	read := rr.sorted()
	rd.mu.Lock()
	rd.files[path] = fileRead{read: read, about: about, members: members}
	rd.mu.Unlock()
}

// piece notes what an objective's piece read, when it renders.
func (rd *reading) piece(o *okrsite.Objective, os *okrsite.ObjectiveScore) {
	if rd == nil {
		return
	}
	rr := rd.reader()
	rr.walk(os)
	id := rd.id(reflect.ValueOf(o))
	read := rr.sorted()
	rd.mu.Lock()
	rd.pieces[id] = read
	rd.mu.Unlock()
}

// end keeps the build just made for the next: what each file of jobs
// read, as it rendered now or as it read when last rendered. An
// incremental build changes the last build's maps where they changed.
func (rd *reading) end(jobs []job) {
	r := rd.reads
	if !rd.incremental() {
		clear(r.files)
		clear(r.pieces)
		clear(r.reach)
	}
	maps.Copy(r.files, rd.files)
	// A file that is no longer built is forgotten.
	kept := 0
	for _, j := range jobs {
		if _, ok := r.files[j.path]; ok {
			kept++
		}
	}
	if kept < len(r.files) {
		built := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			built[j.path] = true
		}
		maps.DeleteFunc(r.files, func(path string, _ fileRead) bool { return !built[path] })
	}
	maps.DeleteFunc(r.pieces, func(id int32, read []int32) bool {
		_, exists := rd.prints[id]
		return !exists || rd.touched[id] || rd.anyChanged(read)
	})
	maps.Copy(r.pieces, rd.pieces)
	maps.DeleteFunc(r.reach, func(_ int32, last []int32) bool { return rd.anyChanged(last) })
	rd.reach.Range(func(id, ids any) bool {
		r.reach[id.(int32)] = ids.([]int32)
		return true
	})
	r.prints, r.refs, r.built = rd.prints, rd.refs, true
}

// recording returns j's render, made to note what the file read.
func (rd *reading) recording(j job, about []int32, members uint64) func(out *output) error {
	if j.about == nil {
		return j.render // it renders in every build
	}
	return func(out *output) error {
		out.reads = rd.reader()
		out.reads.walkAbout(j.about)
		if err := j.render(out); err != nil {
			return err
		}
		rd.rendered(j.path, about, members, out.reads)
		return nil
	}
}

// Built reports whether r holds a build, so that the next is incremental.
func (r *Reads) Built() bool { return r.built }
