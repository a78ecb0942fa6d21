package build

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestWatchStopsStaleBuilds runs a watcher whose rebuilds never end by
// themselves, as a build stuck on a slow file would not: a newer change
// must stop the running one and start the next, and ending the watch must
// stop the last and wait for it.
func TestWatchStopsStaleBuilds(t *testing.T) {
	dir := t.TempDir()
	started, stopped := make(chan int, 100), make(chan int, 100)
	calls := 0
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	watched := make(chan struct{})
	go func() {
		w.Run(ctx, 10*time.Millisecond, func(ctx context.Context) {
			calls++ // one call at a time
			n := calls
			started <- n
			<-ctx.Done()
			stopped <- n
		}, t.Logf)
		close(watched)
	}()
	// Edit until a rebuild starts.
	edit := func(until chan int) int {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for i := 0; ; i++ {
			os.WriteFile(filepath.Join(dir, "site.toml"), []byte(strconv.Itoa(i)), 0o644)
			select {
			case n := <-until:
				return n
			case <-time.After(100 * time.Millisecond):
			case <-deadline:
				t.Fatal("no rebuild")
			}
		}
	}
	if n := edit(started); n != 1 {
		t.Fatalf("rebuild %d started first", n)
	}
	if n := edit(stopped); n != 1 {
		t.Fatalf("rebuild %d stopped first; want the stale one, 1", n)
	}
	if n := <-started; n != 2 {
		t.Fatalf("rebuild %d started after the stale one; want 2", n)
	}
	cancel()
	<-watched
	// Run returned only after the last rebuild did.
	last := 0
	for len(stopped) > 0 {
		last = <-stopped
	}
	if last != calls {
		t.Errorf("the watch ended before rebuild %d did", calls)
	}
}
