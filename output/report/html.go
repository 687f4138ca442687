package report

import (
	"bytes"
	"html/template"
)

// page is what the HTML template shows.
type page struct {
	Title    string
	Lead     string
	Facts    [][2]string
	Tables   []pageTable
	Sections []pageSection
	Omitted  []string
	Files    []string
	Version  string
}

type pageTable struct {
	Title string
	Table htmlTable
}

type pageSection struct {
	ID, Title, Intro string
	Figures          []pageFigure
}

type pageFigure struct {
	N              int
	ID, Title, Cap string
	SVG            template.HTML // gonum/plot's own SVG, its text escaped by vgsvg
	Table          htmlTable
}

// htmlTable is a table with each cell's alignment decided.
type htmlTable struct {
	Head []htmlCell
	Rows [][]htmlCell
	Fold bool
	Note string
}

type htmlCell struct {
	Text string
	Num  bool
	Wrap bool // long text, which may wrap
}

// wrapAt is the length of text from which a cell may wrap.
const wrapAt = 40

func cell(text string, num bool) htmlCell {
	return htmlCell{text, num, !num && len(text) >= wrapAt}
}

func (t table) html() htmlTable {
	h := htmlTable{Fold: len(t.rows) > foldRows, Note: t.note}
	for i, c := range t.head {
		h.Head = append(h.Head, cell(c, i >= t.text))
	}
	for _, r := range t.rows {
		var cells []htmlCell
		for i, c := range r {
			cells = append(cells, cell(c, i >= t.text))
		}
		h.Rows = append(h.Rows, cells)
	}
	return h
}

func (p *page) render() ([]byte, error) {
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// The page: inline CSS, no scripts, nothing fetched. Print styles drop the
// contents list, open folded tables and keep each figure on one page.
var pageTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spsim {{.Version}}">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 1320px; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
h1 { font-size: 1.55rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.25rem; margin: 2.4rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #0072b2; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 0.4rem; }
p.lead { font-size: 1.05rem; max-width: 60rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1.2rem; margin: 0.8rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav ol { columns: 2; column-gap: 2.5rem; padding-left: 1.4rem; }
figure.chart { margin: 1.2rem 0 1.8rem; padding: 0.9rem; border: 1px solid #d8d8d8; border-radius: 4px; break-inside: avoid; page-break-inside: avoid; }
figure.chart .body { display: flex; flex-wrap: wrap; gap: 0.8rem 1.6rem; align-items: flex-start; }
figure.chart .plot { flex: 1 1 600px; min-width: 0; max-width: 960px; }
figure.chart .plot svg { display: block; width: 100%; height: auto; }
figure.chart .numbers { flex: 0 1 auto; max-width: 100%; overflow-x: auto; }
figure.chart figcaption { margin-top: 0.6rem; }
svg text { font-family: "Liberation Serif", "Times New Roman", Times, serif !important; }
table.numbers { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; margin: 0.3rem 0; }
table.numbers th, table.numbers td { padding: 2px 7px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; white-space: nowrap; }
table.numbers .w { white-space: normal; min-width: 14rem; }
table.numbers th { border-bottom: 1.5px solid #888; }
table.numbers .n { text-align: right; white-space: nowrap; }
p.note { font-size: 12px; color: #555; margin: 0.2rem 0; }
details summary { cursor: pointer; color: #0b5a8a; }
ul.omitted li { color: #7a3b00; }
footer { margin-top: 3rem; font-size: 12.5px; color: #555; border-top: 1px solid #ccc; padding-top: 0.6rem; }
@media print {
  @page { size: A4; margin: 13mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2, h2 + p { break-after: avoid; page-break-after: avoid; }
  figure.chart { border: none; padding: 0; margin: 0 0 6mm; }
  figure.chart .body { display: block; }
  figure.chart .numbers { overflow: visible; }
  figure.chart .plot svg { max-height: 160mm; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="lead">{{.Lead}}</p>
<dl class="facts">
{{- range .Facts}}
<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{- end}}
</dl>
</header>
{{- range .Tables}}
<h3>{{.Title}}</h3>
{{template "table" .Table}}
{{- end}}
<nav>
<h2>Figures</h2>
<ol>
{{- range .Sections}}{{range .Figures}}
<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{- end}}{{end}}
</ol>
</nav>
{{- range .Sections}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{- if .Intro}}
<p>{{.Intro}}</p>
{{- end}}
{{- range .Figures}}
<figure class="chart" id="{{.ID}}">
<div class="body">
<div class="plot">
{{.SVG}}
</div>
<div class="numbers">
{{template "table" .Table}}
</div>
</div>
<figcaption><b>Figure {{.N}}. {{.Title}}.</b> {{.Cap}}</figcaption>
</figure>
{{- end}}
</section>
{{- end}}
{{- if .Omitted}}
<section id="omitted">
<h2>Figures not drawn</h2>
<ul class="omitted">
{{- range .Omitted}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
<footer>
Built by spsim {{.Version}} from the files of this directory ({{range $i, $f := .Files}}{{if $i}}, {{end}}{{$f}}{{end}}); <code>spsim report DIR</code> rebuilds it. The page is self-contained: it needs no network and no scripts.
</footer>
</body>
</html>
{{define "table"}}
{{- if .Fold}}<details><summary>The numbers ({{len .Rows}} rows)</summary>{{end}}
<table class="numbers">
<thead><tr>{{range .Head}}<th{{if .Num}} class="n"{{else if .Wrap}} class="w"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td{{if .Num}} class="n"{{else if .Wrap}} class="w"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- if .Note}}
<p class="note">{{.Note}}</p>
{{- end}}
{{- if .Fold}}</details>{{end}}
{{end}}
`))
