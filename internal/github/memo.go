package github

import "sync"

// maxMemoBytes bounds the file contents a Client keeps in memory. A binary
// search reads about log₂N versions of a file, so this holds every read of
// a scan but one with many files of several megabytes.
const maxMemoBytes = 64 << 20

// memo keeps, for a Client's life, what the disk cache cannot: file
// contents (never written to disk) and commit file lists as far as they
// were read. Several Introduced calls share it, so that a commit that added
// K files is fetched once, not once per file, and a file that holds two
// secrets is read once per commit, not once per secret.
//
// Each entry has its own lock, held while its request is in flight: a
// second caller waits for the first one's answer instead of asking again.
// A failed request leaves the entry empty, so a later call retries.
type memo struct {
	mu       sync.Mutex
	files    map[string]*fileList   // by commit SHA
	contents map[[2]string]*content // by commit SHA and path
	size     int                    // bytes held in contents
}

func newMemo() *memo {
	return &memo{files: make(map[string]*fileList), contents: make(map[[2]string]*content)}
}

// fileList is the part of one commit's file list read so far.
type fileList struct {
	mu    sync.Mutex
	names map[string]string // file name → its previous name when renamed, else ""
	next  int               // the next page to read; 0 before the first
	done  bool              // every page is read
}

// content is one file at one commit.
type content struct {
	mu    sync.Mutex
	done  bool
	data  []byte
	found bool
}

func (m *memo) fileList(sha string) *fileList {
	m.mu.Lock()
	defer m.mu.Unlock()
	fl, ok := m.files[sha]
	if !ok {
		fl = &fileList{names: make(map[string]string)}
		m.files[sha] = fl
	}
	return fl
}

func (m *memo) content(sha, path string) *content {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := [2]string{sha, path}
	ct, ok := m.contents[k]
	if !ok {
		ct = &content{}
		m.contents[k] = ct
	}
	return ct
}

// keep records a file's content if the memory bound allows; the caller
// holds ct.mu. Past the bound the file is read again when asked again.
func (m *memo) keep(ct *content, data []byte, found bool) {
	m.mu.Lock()
	fits := m.size+len(data) <= maxMemoBytes
	if fits {
		m.size += len(data)
	}
	m.mu.Unlock()
	if fits {
		ct.data, ct.found, ct.done = data, found, true
	}
}
