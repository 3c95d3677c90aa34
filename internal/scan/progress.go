package scan

import (
	"sync"
	"sync/atomic"
)

// Progress counts what a scan has read so far. A caller that wants to show
// progress passes one in Options and reads it from another goroutine while
// Run works; the counts only grow.
type Progress struct {
	bytes atomic.Int64
	files atomic.Int64 // fragments: a file's diff in a commit, or a chunk of a file
	stage atomic.Value // string

	mu      sync.Mutex
	commits map[string]struct{}
}

// Snapshot is the state of a Progress at one moment.
type Snapshot struct {
	Stage   string // "reading history", "dating secrets", …
	Commits int    // distinct commits whose changes were read
	Files   int64  // file diffs or file chunks read
	Bytes   int64  // their size
}

// Snapshot returns the counts so far; a nil Progress has none.
func (p *Progress) Snapshot() Snapshot {
	if p == nil {
		return Snapshot{}
	}
	p.mu.Lock()
	n := len(p.commits)
	p.mu.Unlock()
	stage, _ := p.stage.Load().(string)
	return Snapshot{Stage: stage, Commits: n, Files: p.files.Load(), Bytes: p.bytes.Load()}
}

func (p *Progress) setStage(stage string) {
	if p != nil {
		p.stage.Store(stage)
	}
}

// read counts one fragment. The git source reads each commit's files
// concurrently, so a commit is counted by its SHA, not by a change of SHA.
func (p *Progress) read(commit string, size int) {
	if p == nil {
		return
	}
	p.files.Add(1)
	p.bytes.Add(int64(size))
	if commit == "" {
		return
	}
	p.mu.Lock()
	if p.commits == nil {
		p.commits = make(map[string]struct{})
	}
	p.commits[commit] = struct{}{}
	p.mu.Unlock()
}
