package report

import (
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"spsim/output"
	"spsim/sim"
)

// FileName is the report's name in the output directory.
const FileName = "report.html"

// FiguresDir is where --png puts each figure as PNG and SVG, beside the
// report.
const FiguresDir = "figures"

// ErrNotOutputDir is wrapped by Write's error for a directory without the
// results file of any spsim command.
var ErrNotOutputDir = errors.New("not an spsim output directory")

// Options control what Write writes besides report.html.
type Options struct {
	PNG bool // also write every figure as figures/ID.png and figures/ID.svg
}

// Report says what Write wrote.
type Report struct {
	Kind    string   // "run", "compare" or "power": what made the directory
	Path    string   // of report.html
	Figures []Figure // in the order of the page
	Omitted []string // figures not drawn, each with the reason
}

// Figure names one figure of a report.
type Figure struct{ ID, Title string }

// Write builds the report of the output directory dir from its files and
// writes dir/report.html, replacing any earlier one only once the new one
// is complete; with opt.PNG, also each figure as PNG and SVG in
// dir/figures. It fails only when dir is not an spsim output directory or
// cannot be written: a figure whose data is missing is left out of the
// page with a note.
func Write(dir string, opt Options) (*Report, error) {
	d, err := build(source{dir})
	if err != nil {
		return nil, err
	}
	p := &page{Title: d.title, Lead: d.lead, Facts: d.facts, Omitted: d.omitted, Files: d.files, Version: sim.Version}
	for _, t := range d.tables {
		p.Tables = append(p.Tables, pageTable{t.title, t.table.html()})
	}
	rep := &Report{Kind: d.kind, Path: filepath.Join(dir, FileName)}
	var drawn []rendered
	n := 0
	for _, s := range d.sections {
		ps := pageSection{ID: s.id, Title: s.title, Intro: s.intro}
		for _, f := range s.figures {
			svg, err := f.svg()
			if err != nil {
				rep.Omitted = append(rep.Omitted, fmt.Sprintf("%s: %v", f.title, err))
				continue
			}
			n++
			ps.Figures = append(ps.Figures, pageFigure{N: n, ID: f.id, Title: f.title, Cap: f.caption,
				SVG: template.HTML(inlineSVG(svg, f.title)), Table: f.table.html()})
			rep.Figures = append(rep.Figures, Figure{f.id, f.title})
			drawn = append(drawn, rendered{f, svg})
		}
		if len(ps.Figures) > 0 {
			p.Sections = append(p.Sections, ps)
		}
	}
	rep.Omitted = append(slices.Clone(d.omitted), rep.Omitted...)
	p.Omitted = rep.Omitted
	if opt.PNG {
		if err := writeFigures(dir, drawn); err != nil {
			return nil, err
		}
	}
	b, err := p.render()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rep.Path, err)
	}
	if err := output.WriteFileAtomic(rep.Path, b); err != nil {
		return nil, fmt.Errorf("writing %s: %w", rep.Path, err)
	}
	return rep, nil
}

// rendered is a figure drawn as SVG.
type rendered struct {
	f   *figure
	svg []byte
}

// writeFigures writes each figure as ID.png and ID.svg in dir/figures and
// removes the PNG and SVG files there that no figure of this report has
// (left by an earlier report of other data).
func writeFigures(dir string, figs []rendered) error {
	fd := filepath.Join(dir, FiguresDir)
	if err := os.MkdirAll(fd, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", fd, err)
	}
	keep := map[string]bool{}
	for _, r := range figs {
		png, err := r.f.png()
		if err != nil {
			return err
		}
		for name, data := range map[string][]byte{r.f.id + ".svg": r.svg, r.f.id + ".png": png} {
			keep[name] = true
			if err := output.WriteFileAtomic(filepath.Join(fd, name), data); err != nil {
				return fmt.Errorf("writing %s: %w", filepath.Join(fd, name), err)
			}
		}
	}
	ents, err := os.ReadDir(fd)
	if err != nil {
		return err
	}
	for _, e := range ents {
		name := e.Name()
		if !keep[name] && e.Type().IsRegular() && (strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".svg")) {
			if err := os.Remove(filepath.Join(fd, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// document is a report before it is drawn.
type document struct {
	kind     string
	title    string
	lead     string
	facts    [][2]string
	tables   []titledTable
	sections []*section
	omitted  []string
	files    []string // the directory's files the page was built from
}

type titledTable struct {
	title string
	table table
}

type section struct {
	id, title, intro string
	figures          []*figure
}

// section starts a new section of the page.
func (d *document) section(id, title, intro string) *section {
	s := &section{id: id, title: title, intro: intro}
	d.sections = append(d.sections, s)
	return s
}

// omit notes a figure left out and why.
func (d *document) omit(title string, why error) {
	d.omitted = append(d.omitted, fmt.Sprintf("%s: %v", title, why))
}

// read notes that the page uses file name.
func (d *document) read(name string) {
	if !slices.Contains(d.files, name) {
		d.files = append(d.files, name)
	}
}

// build reads the directory and lays out its report. What made the
// directory is told by its results file: compare.json (spsim compare),
// power.json (spsim power) or summary.json (spsim run).
func build(src source) (*document, error) {
	fi, err := os.Stat(src.dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", src.dir)
	}
	var d *document
	switch {
	case src.has("compare.json"):
		d = buildCompare(src)
	case src.has("power.json"):
		d = buildPower(src)
	case src.has("summary.json"):
		d = buildRun(src)
	default:
		return nil, fmt.Errorf("%s holds no summary.json, compare.json or power.json: %w", src.dir, ErrNotOutputDir)
	}
	slices.Sort(d.files)
	return d, nil
}

// manifestFacts reads manifest.json, for the page's facts: the version
// that made the directory.
func manifestFacts(src source, d *document) (manifest, bool) {
	var m manifest
	if err := src.readJSON("manifest.json", &m); err != nil {
		d.facts = append(d.facts, [2]string{"manifest", err.Error()})
		return m, false
	}
	d.read("manifest.json")
	return m, true
}

// readResults reads the command's results file into v. If it cannot, the
// page is titled with the manifest's name for what was run and says why
// it has no figures.
func readResults(src source, d *document, m manifest, file, name string, v any) bool {
	if err := src.readJSON(file, v); err != nil {
		d.title = "spsim " + d.kind + ": " + name
		d.omit("Every figure", err)
		d.facts = append(d.facts, versionFacts(m)...)
		return false
	}
	d.read(file)
	return true
}

// versionFacts are the manifest's facts shown last on every page. The
// command line and start time stay in manifest.json: they differ between
// runs that give the same results (another --out, a resumed or merged
// run), and the page must not.
func versionFacts(m manifest) [][2]string {
	return [][2]string{
		{"spsim version", fmt.Sprintf("%s (output schema %d)", m.Version, m.Schema)},
		{"made by", "the command in manifest.json"},
	}
}
