package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ExistsError reports an output directory that already exists when replacing
// it was not asked for.
type ExistsError struct{ Dir string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("output directory %s already exists (use --force to replace it)", e.Dir)
}

// file is one output file's name and contents, or the path of a complete
// file to move into the output directory instead (from).
type file struct {
	name string
	data []byte
	from string
}

// files returns every output file, fully encoded, in the order written.
func (c *Collector) files(timing Timing) ([]file, error) {
	encoders := []struct {
		name   string
		encode func() ([]byte, error)
	}{
		{"summary.json", c.summaryJSON},
		{"runs.csv", c.runsCSV},
		{"timeseries.csv", c.timeseriesCSV},
		{"by_pcn.csv", c.byPCNCSV},
		{"draws.csv", c.drawsCSV},
		{"scenario.toml", func() ([]byte, error) { return c.meta.ResolvedTOML, nil }},
		{"manifest.json", func() ([]byte, error) { return c.manifestJSON(timing) }},
	}
	out := make([]file, 0, len(encoders))
	for _, e := range encoders {
		data, err := e.encode()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name, err)
		}
		out = append(out, file{name: e.name, data: data})
	}
	return out, nil
}

// WriteDir writes every output file into dir. Nothing half-written is ever
// visible there: the files go into a hidden temporary directory beside dir,
// which is renamed to dir once complete. If dir exists, WriteDir returns an
// *ExistsError before writing anything unless force is set; with force, the
// old directory is replaced only after the new one is complete, and only if
// it looks like an earlier output directory (it holds a manifest.json) or is
// empty, so a mistyped path cannot delete unrelated files.
func (c *Collector) WriteDir(dir string, force bool, timing Timing) error {
	if err := CheckDir(dir, force); err != nil {
		return err
	}
	files, err := c.files(timing)
	if err != nil {
		return err
	}
	return writeDir(dir, force, files)
}

// CheckDir reports whether WriteDir may write dir, without writing anything:
// call it before a long run so a clash is caught early.
func CheckDir(dir string, force bool) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !force:
		return &ExistsError{Dir: dir}
	case !fi.IsDir():
		return fmt.Errorf("%s exists and is not a directory; not replacing it", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		return fmt.Errorf("%s exists and holds no manifest.json, so it is not an spsim output directory; not replacing it", dir)
	}
	return nil
}

// writeDir writes files into a temporary directory beside dir and renames
// it into place, replacing an existing dir when force is set.
func writeDir(dir string, force bool, files []file) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("creating temporary output directory: %w", err)
	}
	defer func() {
		if err != nil {
			for _, f := range files { // give back the files moved in
				if f.from != "" {
					os.Rename(filepath.Join(tmp, f.name), f.from)
				}
			}
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if f.from != "" {
			continue // moved in last, once nothing else can fail
		}
		if err := writeSynced(filepath.Join(tmp, f.name), f.data); err != nil {
			return err
		}
	}
	for _, f := range files {
		if f.from != "" {
			if err := os.Rename(f.from, filepath.Join(tmp, f.name)); err != nil {
				return fmt.Errorf("moving %s into the outputs: %w", f.from, err)
			}
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return err
	}
	syncDir(tmp)

	if _, statErr := os.Lstat(dir); statErr == nil {
		if !force {
			return &ExistsError{Dir: dir} // created while we were writing
		}
		return replaceDir(dir, tmp)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("moving outputs into place: %w", err)
	}
	syncDir(parent)
	return nil
}

// replaceDir swaps the complete directory tmp in for the existing dir: the
// old one is moved aside first and deleted only once tmp is in place, and
// moved back if that fails. (A rename cannot replace a non-empty directory.)
func replaceDir(dir, tmp string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return fmt.Errorf("making room for the old outputs: %w", err)
	}
	if err := os.Remove(old); err != nil { // we only wanted the unique name
		return err
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving old outputs aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if restoreErr := os.Rename(old, dir); restoreErr != nil {
			return fmt.Errorf("moving outputs into place: %w (and restoring the old outputs from %s: %v)", err, old, restoreErr)
		}
		return fmt.Errorf("moving outputs into place: %w", err)
	}
	syncDir(parent)
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("new outputs are in place, but removing the old ones from %s: %w", old, err)
	}
	return nil
}

// WriteFileAtomic writes data to path so that readers see either the old
// file or the complete new one: it writes a temporary file in the same
// directory, syncs it to disk and renames it over path.
func WriteFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err := writeAndClose(f, data); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil { // CreateTemp makes it private
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// writeSynced creates path (which must not exist) holding data, synced to disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	return writeAndClose(f, data)
}

func writeAndClose(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", f.Name(), err)
	}
	return nil
}

// syncDir asks the system to make a directory's entries (new files,
// renames) durable. It is best effort: some systems cannot sync a directory,
// and failing to only weakens durability after a crash, never what readers
// see, so errors are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
