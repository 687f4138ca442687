package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium, which .ci/run installs. Without it
// the browser test skips, except under CI=true, where a missing browser is
// a broken CI and fails.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI=true: .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); skipping the browser test of report.html")
	return ""
}

// renderedFigure is what the page shows of one figure, measured by the
// browser after layout: the box of its SVG and the marks drawn in it.
type renderedFigure struct {
	ID        string  `json:"id"`
	Width     float64 `json:"width"`
	Height    float64 `json:"height"`
	Marks     int     `json:"marks"`     // paths, lines, rects, polylines, polygons, circles with a box inside the SVG's
	Chromatic int     `json:"chromatic"` // of those, filled or stroked in a colour, not grey: the data, not the axes
	Texts     int     `json:"texts"`
}

// measureFigures is evaluated in the page: for every figure, the rendered
// box of its SVG and its marks. Only rendered geometry counts, so a figure
// the browser could not lay out or draw fails however good its markup.
const measureFigures = `(() => {
  const colourful = (c) => {
    const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(c || "");
    if (!m || m[4] === "0") return false;
    const v = [+m[1], +m[2], +m[3]];
    return Math.max(...v) - Math.min(...v) > 40;
  };
  return [...document.querySelectorAll("figure.chart")].map((f) => {
    const svg = f.querySelector(".plot svg");
    if (!svg) return {id: f.id, width: 0, height: 0, marks: 0, chromatic: 0, texts: 0};
    const box = svg.getBoundingClientRect();
    let marks = 0, chromatic = 0;
    for (const e of svg.querySelectorAll("path, line, rect, polyline, polygon, circle")) {
      const b = e.getBoundingClientRect();
      const inside = b.right >= box.left - 1 && b.left <= box.right + 1 && b.bottom >= box.top - 1 && b.top <= box.bottom + 1;
      if (!inside || (b.width === 0 && b.height === 0)) continue;
      marks++;
      const s = getComputedStyle(e);
      if ((s.fill !== "none" && colourful(s.fill)) || (s.stroke !== "none" && colourful(s.stroke))) chromatic++;
    }
    return {id: f.id, width: box.width, height: box.height, marks, chromatic, texts: svg.querySelectorAll("text").length};
  });
})()`

// TestReportInChromium opens the reports of a short run, a comparison and a
// power study in headless Chromium, as a reader would from disk, and checks
// from the rendered page that every expected figure is laid out with a
// non-zero box and drawn marks, in colour, inside it; that the page asks
// for nothing over the network and runs no script; and that a full-page
// screenshot is not blank. SPSIM_REPORT_SCREENSHOTS=DIR keeps the
// screenshots to look at.
func TestReportInChromium(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector: the plain test run drives the browser")
	}
	chromium := chromiumPath(t)
	tmp := t.TempDir()
	dirs := map[string]string{"run": filepath.Join(tmp, "run"), "compare": filepath.Join(tmp, "compare"), "power": filepath.Join(tmp, "power")}
	spsim(t, runArgs("pcn-typical", "--runs", "3", "--out", dirs["run"], "--quiet")...).want(t, exitOK, []string{"report.html"}, nil)
	spsim(t, "compare", "funding-options", "--runs", "3", "--set", "simulation.years=1", "--set", "pcns.count=3",
		"--out", dirs["compare"], "--quiet").want(t, exitOK, []string{"report.html"}, nil)
	spsim(t, "power", "study-rct", "--studies", "200", "--out", dirs["power"], "--quiet").want(t, exitOK, []string{"report.html"}, nil)
	want := map[string][]string{
		"run": {"fan-referrals", "fan-waiting-list", "fan-mean-wait", "fan-active-caseload", "fan-in-services", "fan-wellbeing-mean",
			"fan-wellbeing-difference", "funnel-imd", "benefit-wellbeing-imd", "benefit-qalys-imd", "inequality-runs", "benefit-sii-runs"},
		"compare": {"ce-plane", "ceac", "nmb-threshold", "budget-impact", "impact-plane", "dcea-imd"},
		"power":   {"power-curve", "type1-error", "mde", "size-needed", "bias", "coverage"},
	}

	// A hung browser fails the test at this deadline rather than hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	var mu sync.Mutex
	var requested []string
	if err := chromedp.Listen(browser, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, r.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	for _, kind := range []string{"run", "compare", "power"} {
		t.Run(kind, func(t *testing.T) {
			page := (&url.URL{Scheme: "file", Path: filepath.Join(dirs[kind], "report.html")}).String()
			if err := chromedp.Do(browser, chromedp.Navigate(page)); err != nil {
				t.Fatalf("opening %s: %v", page, err)
			}
			figs, err := chromedp.Run(browser, chromedp.Evaluate[[]renderedFigure](measureFigures))
			if err != nil {
				t.Fatalf("measuring the figures: %v", err)
			}
			var ids []string
			for _, f := range figs {
				t.Logf("%s: %.0f x %.0f px, %d marks (%d in colour), %d texts", f.ID, f.Width, f.Height, f.Marks, f.Chromatic, f.Texts)
				ids = append(ids, f.ID)
				if f.Width < 300 || f.Height < 150 {
					t.Errorf("%s: figure %s is laid out %.0f x %.0f px, want at least 300 x 150", kind, f.ID, f.Width, f.Height)
				}
				if f.Marks < 10 || f.Chromatic == 0 || f.Texts == 0 {
					t.Errorf("%s: figure %s has %d marks, %d of them in colour, and %d texts drawn inside it; want marks, data in colour and labels",
						kind, f.ID, f.Marks, f.Chromatic, f.Texts)
				}
			}
			if !slices.Equal(ids, want[kind]) {
				t.Errorf("%s report shows figures %v, want %v", kind, ids, want[kind])
			}
			scripts, err := chromedp.Run(browser, chromedp.Evaluate[int](`document.scripts.length`))
			if err != nil || scripts != 0 {
				t.Errorf("%s report has %d scripts (%v), want none", kind, scripts, err)
			}

			shot, err := chromedp.Run(browser, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("full-page screenshot: %v", err)
			}
			if d := os.Getenv("SPSIM_REPORT_SCREENSHOTS"); d != "" {
				if err := os.WriteFile(filepath.Join(d, kind+".png"), shot, 0o644); err != nil {
					t.Error(err)
				}
			}
			if err := notBlank(shot, 900); err != nil {
				t.Errorf("%s report screenshot: %v", kind, err)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range requested {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("a report asked for %s: it must fetch nothing", u)
		}
	}
}

// notBlank checks a full-page PNG screenshot: taller than the window (the
// whole page, not the first screen), with many colours and a fair share of
// pixels that are not white.
func notBlank(shot []byte, window int) error {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return fmt.Errorf("not a PNG: %w", err)
	}
	b := img.Bounds()
	if b.Dy() <= window {
		return fmt.Errorf("%d px tall, want the full page, taller than the %d px window", b.Dy(), window)
	}
	colours := map[uint32]bool{}
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
		}
	}
	share := float64(inked) / float64((b.Dx()/2)*(b.Dy()/2))
	if len(colours) < 64 || share < 0.03 {
		return fmt.Errorf("%d distinct colours and %.1f%% of pixels not white: blank", len(colours), 100*share)
	}
	return nil
}
