package scenarios

import (
	"testing"
)

func TestParsePCNs(t *testing.T) {
	src := "# comment\npcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5,go_live\n" +
		"B,b1,1000,0.2,0.2,0.2,0.2,0.2,\n" +
		"A,a1,2000,0.5,0.5,0,0,0,2020-01-01\n" +
		"B,b2,1500,0.1,0.1,0.1,0.1,0.605,\n" +
		"A,a2,2500,0.5,0.5,0,0,0,2020-01-01\n"
	pcns, err := ParsePCNs("p.csv", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(pcns) != 2 || pcns[0].Name != "B" || pcns[1].Name != "A" || len(pcns[0].Practices) != 2 || pcns[1].GoLive == 0 || pcns[0].GoLive != 0 {
		t.Fatalf("pcns = %+v", pcns)
	}
	var sum float64
	for _, x := range pcns[0].Practices[1].IMD {
		sum += x
	}
	if sum < 1-1e-12 || sum > 1+1e-12 {
		t.Errorf("shares not normalised: sum %g", sum)
	}
	if pcns[1].Registered() != 4500 {
		t.Errorf("registered = %g", pcns[1].Registered())
	}
}

// A spreadsheet's "CSV UTF-8" (byte-order mark, CRLF line ends) reads as
// the plain file does.
func TestParsePCNsSpreadsheet(t *testing.T) {
	src := "\ufeffpcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5\r\nA,a1,1000,0.2,0.2,0.2,0.2,0.2\r\n"
	pcns, err := ParsePCNs("p.csv", []byte(src))
	if err != nil || len(pcns) != 1 || pcns[0].Registered() != 1000 {
		t.Fatalf("pcns %+v, err %v", pcns, err)
	}
}

func TestParsePCNsErrors(t *testing.T) {
	const head = "pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5\n"
	tests := []struct{ src, want string }{
		{"", `p.csv: empty CSV file; want a header row pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5,go_live`},
		{head, `p.csv: no practices (the CSV has a header but no rows)`},
		{"pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4\n", `p.csv:1: column imd_q5: missing (want columns pcn, practice, list_size, imd_q1, imd_q2, imd_q3, imd_q4, imd_q5, and optionally go_live)`},
		{"pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5,golive\n", `p.csv:1: column 9: unknown column "golive" (want pcn, practice, list_size, imd_q1, imd_q2, imd_q3, imd_q4, imd_q5, go_live); did you mean "go_live"?`},
		{head + "A,a1,lots,0.2,0.2,0.2,0.2,0.2\n", `p.csv:2: column list_size: "lots" is not a number`},
		{head + "A,a1,-5,0.2,0.2,0.2,0.2,0.2\n", `p.csv:2: column list_size: -5: a list size must be positive`},
		{head + "A,a1,100,0.2,0.2,0.2,0.2,0.3\n", `p.csv:2: column imd_q1: IMD shares imd_q1..imd_q5 sum to 1.1, want 1 (within 0.01)`},
		{head + "A,a1,100,0.2,0.2,x,0.2,0.2\n", `p.csv:2: column imd_q3: "x" is not a number`},
		{head + "A,a1,100,0.2,0.2,0.2,0.2,0.2\nA,a1,100,0.2,0.2,0.2,0.2,0.2\n", `p.csv:3: column practice: practice "a1" of PCN "A" appears twice (first on line 2)`},
		{head + "A,a1,100,0.2,0.2,0.2,0.2\n", `p.csv:2: 7 fields, but the header has 8 columns (pcn,practice,list_size,imd_q1,imd_q2,imd_q3,imd_q4,imd_q5)`},
		{head + "A,a1,100,0.2,0.2,0.2,0.2,0.2\nA,a\xe92,100,0.2,0.2,0.2,0.2,0.2\n", `p.csv:3: byte 0xe9 is not UTF-8 text: is this a CSV file? Save it as CSV (UTF-8)`},
		{head + ",a1,100,0.2,0.2,0.2,0.2,0.2\n", `p.csv:2: column pcn: empty`},
	}
	for _, tt := range tests {
		_, err := ParsePCNs("p.csv", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}
