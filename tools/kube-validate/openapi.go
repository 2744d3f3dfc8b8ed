package main

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// openapiDocs holds the official OpenAPI v3 documents of the built-in types checked here, copied
// from the k8s.io/kubernetes module at build time (see openapi/README.md).
//
//go:embed openapi
var openapiDocs embed.FS

// builtInSchemas maps "apiVersion kind" to its OpenAPI document and component schema.
var builtInSchemas = map[string][2]string{
	"v1 ConfigMap":       {"api__v1_openapi.json", "io.k8s.api.core.v1.ConfigMap"},
	"v1 Secret":          {"api__v1_openapi.json", "io.k8s.api.core.v1.Secret"},
	"v1 Service":         {"api__v1_openapi.json", "io.k8s.api.core.v1.Service"},
	"apps/v1 Deployment": {"apis__apps__v1_openapi.json", "io.k8s.api.apps.v1.Deployment"},
}

// openAPI validates built-in objects against the official schemas (types, required fields,
// enums), as a JSON-schema validator reads them.
type openAPI struct {
	schemas map[string]*jsonschema.Schema
}

func loadOpenAPI() (*openAPI, error) {
	c := jsonschema.NewCompiler()
	loaded := map[string]bool{}
	o := &openAPI{schemas: map[string]*jsonschema.Schema{}}
	for key, ref := range builtInSchemas {
		file := ref[0]
		if !loaded[file] {
			raw, err := fs.ReadFile(openapiDocs, "openapi/"+file)
			if err != nil {
				return nil, fmt.Errorf("built without the Kubernetes OpenAPI documents (%s); build it with tools/install-tools.sh bin kube-validate", file)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			if err := c.AddResource("file:///"+file, doc); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			loaded[file] = true
		}
		s, err := c.Compile("file:///" + file + "#/components/schemas/" + ref[1])
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", file, ref[1], err)
		}
		o.schemas[key] = s
	}
	return o, nil
}

// validate returns one line per schema violation; nil for kinds without a built-in schema.
func (o *openAPI) validate(apiVersion, kind string, raw []byte) []string {
	s := o.schemas[apiVersion+" "+kind]
	if s == nil {
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	err = s.Validate(inst)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{"OpenAPI schema: " + err.Error()}
	}
	var out []string
	for _, leaf := range leaves(verr) {
		out = append(out, "OpenAPI schema: /"+strings.Join(leaf.InstanceLocation, "/")+": "+leaf.ErrorKind.LocalizedString(printer))
	}
	return out
}

// leaves are the innermost causes: the violations themselves, not the "allOf failed" around them.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}
