// Command compose-check loads a Compose file with compose-go, the library `docker compose` itself
// loads files with: the Compose specification's JSON schema, variable interpolation and
// normalization, with no Docker engine. It loads the file twice: with the environment given as
// NAME=VALUE arguments (it must load), and without the variables named by -require (each must
// fail with Compose's own "required variable" error).
//
//	compose-check [-require NAME]... FILE [NAME=VALUE]...
//
// Prints `compose: FILE: N services, valid; without NAME: <Compose's error>` (exit 0), or the
// error (exit 1); exit 2 for bad usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type names []string

func (n *names) String() string     { return strings.Join(*n, ",") }
func (n *names) Set(v string) error { *n = append(*n, v); return nil }

func main() {
	var required names
	flag.Var(&required, "require", "a variable the file must refuse to load without (repeatable)")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [-require NAME]... FILE [NAME=VALUE]...")
		os.Exit(2)
	}
	file := flag.Arg(0)
	env := map[string]string{}
	for _, kv := range flag.Args()[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "compose-check: '%s' is not NAME=VALUE\n", kv)
			os.Exit(2)
		}
		env[k] = v
	}
	services, err := load(file, env)
	if err != nil {
		fmt.Printf("compose: %s: %v\n", file, err)
		os.Exit(1)
	}
	line := fmt.Sprintf("compose: %s: %d services, valid", file, len(services))
	for _, name := range required {
		without := map[string]string{}
		for k, v := range env {
			if k != name {
				without[k] = v
			}
		}
		_, err := load(file, without)
		if err == nil || !strings.Contains(err.Error(), "required variable "+name+" is missing a value") {
			fmt.Printf("compose: %s: loads without %s (error: %v)\n", file, name, err)
			os.Exit(1)
		}
		line += fmt.Sprintf("; without %s: %v", name, err)
	}
	fmt.Println(line)
}

// load reads the file as `docker compose config` would, with exactly this environment (nothing
// from the process's own environment, no .env file).
func load(file string, env map[string]string) ([]string, error) {
	var envList []string
	for k, v := range env {
		envList = append(envList, k+"="+v)
	}
	opts, err := cli.NewProjectOptions([]string{file},
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithEnv(envList),
		cli.WithName("compose-check"),
	)
	if err != nil {
		return nil, err
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	services := project.ServiceNames()
	sort.Strings(services)
	return services, nil
}
