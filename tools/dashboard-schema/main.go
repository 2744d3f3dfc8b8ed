// Command dashboard-schema checks Grafana dashboard JSON files strictly against the Grafana
// foundation SDK's types: unknown fields, wrong types, missing required fields, targets that do not
// decode as their data source's query type, and a schemaVersion other than the SDK's current one.
//
//	dashboard-schema FILE|DIR...
//
// One line per finding ("<file>: <json path>: <message>"). Exit code 0: no findings; 1: findings;
// 2: bad usage or an unreadable or non-JSON file.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/cog/variants"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errOut io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(errOut, "usage: dashboard-schema FILE|DIR... (Grafana dashboard JSON; directories: their *.json files)")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	plugins.RegisterDefaultPlugins()
	files, err := expand(args)
	if err != nil {
		fmt.Fprintln(errOut, "dashboard-schema: "+err.Error())
		return 2
	}
	findings := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(errOut, "dashboard-schema: %s: cannot read: %v\n", file, err)
			return 2
		}
		if !json.Valid(raw) {
			fmt.Fprintf(errOut, "dashboard-schema: %s: not valid JSON\n", file)
			return 2
		}
		for _, finding := range check(raw) {
			fmt.Fprintf(out, "%s: %s\n", file, finding)
			findings++
		}
	}
	fmt.Fprintf(errOut, "dashboard-schema: %d files, %d findings (foundation SDK schemaVersion %d)\n",
		len(files), findings, currentSchemaVersion())
	if findings > 0 {
		return 1
	}
	return 0
}

// expand lists the files named, and the *.json files directly inside the directories named.
func expand(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file or directory", arg)
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(arg, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no *.json files in the directory", arg)
		}
		sort.Strings(matches)
		files = append(files, matches...)
	}
	return files, nil
}

func currentSchemaVersion() uint16 {
	return dashboard.NewDashboard().SchemaVersion
}

// check returns the findings for one dashboard, sorted.
func check(raw []byte) []string {
	var findings []string
	var board dashboard.Dashboard
	findings = append(findings, messages("", board.UnmarshalJSONStrict(raw))...)
	if board.SchemaVersion != currentSchemaVersion() {
		findings = append(findings, fmt.Sprintf("schemaVersion: %d, the foundation SDK's current one is %d",
			board.SchemaVersion, currentSchemaVersion()))
	}
	findings = append(findings, checkTargets(raw)...)
	sort.Strings(findings)
	return dedupe(findings)
}

// messages flattens the SDK's error. Trap: its strict decoders return their error list typed as
// cog.BuildErrors even when it is empty, so a successful decode gives a non-nil error.
func messages(prefix string, err error) []string {
	if err == nil {
		return nil
	}
	var list cog.BuildErrors
	if errors.As(err, &list) {
		var out []string
		for _, e := range list {
			out = append(out, prefix+e.Path+": "+e.Message)
		}
		return out
	}
	var one *cog.BuildError
	if errors.As(err, &one) {
		return []string{prefix + one.Path + ": " + one.Message}
	}
	return []string{strings.TrimSuffix(prefix, ".") + ": " + err.Error()}
}

type rawPanel struct {
	Type       string            `json:"type"`
	Datasource *rawDatasource    `json:"datasource"`
	Targets    []json.RawMessage `json:"targets"`
	Panels     []json.RawMessage `json:"panels"`
}

type rawDatasource struct {
	Type string `json:"type"`
}

// checkTargets decodes every target strictly with its panel's data source type. Trap: the SDK's
// strict panel decoder reads "targets" before "datasource", so a target without a data source of
// its own gets no type hint and is silently decoded into a lenient catch-all type.
func checkTargets(raw []byte) []string {
	var board struct {
		Panels []json.RawMessage `json:"panels"`
	}
	if err := json.Unmarshal(raw, &board); err != nil {
		return nil // already reported by the strict decode
	}
	var findings []string
	for i, panelRaw := range board.Panels {
		findings = append(findings, checkPanelTargets("panels["+strconv.Itoa(i)+"]", panelRaw)...)
	}
	return findings
}

func checkPanelTargets(path string, panelRaw json.RawMessage) []string {
	var panel rawPanel
	if err := json.Unmarshal(panelRaw, &panel); err != nil {
		return nil
	}
	var findings []string
	for i, nested := range panel.Panels {
		findings = append(findings, checkPanelTargets(path+".panels["+strconv.Itoa(i)+"]", nested)...)
	}
	for i, target := range panel.Targets {
		at := path + ".targets[" + strconv.Itoa(i) + "]"
		kind := ""
		var own struct {
			Datasource *rawDatasource `json:"datasource"`
		}
		if err := json.Unmarshal(target, &own); err == nil && own.Datasource != nil && own.Datasource.Type != "" {
			kind = own.Datasource.Type
		} else if panel.Datasource != nil {
			kind = panel.Datasource.Type
		}
		if kind == "" {
			findings = append(findings, at+": no data source type on the target or its panel")
			continue
		}
		query, err := cog.StrictUnmarshalDataquery(target, kind)
		findings = append(findings, messages(at+".", err)...)
		if _, unknown := query.(variants.UnknownDataquery); err == nil && unknown {
			findings = append(findings, at+": data source type '"+kind+"' is not one the foundation SDK knows")
		}
	}
	return findings
}

func dedupe(sorted []string) []string {
	var out []string
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}
