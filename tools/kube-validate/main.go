// Command kube-validate builds every kustomize overlay of a directory with kustomize's own
// library (krusty, the code behind `kustomize build`) and checks every object it produces:
// decoded strictly (unknown or duplicate fields, wrong types) into the official Go types of
// k8s.io/api and of prometheus-operator's monitoring/v1 API, plus the required fields and the
// label, name and key syntax the API server enforces; and the built-in kinds validated as JSON
// against the official Kubernetes OpenAPI v3 schemas (embedded at build time from the
// k8s.io/kubernetes module, see openapi/README.md). It needs no network and no cluster.
//
//	kube-validate DIR      DIR holds overlays/<name>/kustomization.yaml (e.g. generated/kubernetes)
//
// Prints `kubernetes: N overlays, M objects, all valid` (exit 0), or one line per finding
// (`overlay production: Deployment/durobs-collector: ...`, exit 1); exit 2 for bad usage or a
// directory without overlays.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// maxConfigMapBytes is the API server's limit on a ConfigMap's or Secret's data.
const maxConfigMapBytes = 1 << 20

func main() {
	if len(os.Args) != 2 || strings.HasPrefix(os.Args[1], "-") {
		fmt.Fprintln(os.Stderr, "usage: kube-validate DIR   (DIR/overlays/<name>/kustomization.yaml)")
		os.Exit(2)
	}
	overlays, err := filepath.Glob(filepath.Join(os.Args[1], "overlays", "*", "kustomization.yaml"))
	if err != nil || len(overlays) == 0 {
		fmt.Fprintf(os.Stderr, "kube-validate: no overlays/<name>/kustomization.yaml under %s\n", os.Args[1])
		os.Exit(2)
	}
	sort.Strings(overlays)
	schemas, err := loadOpenAPI()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kube-validate: "+err.Error())
		os.Exit(2)
	}
	var findings []string
	objects := 0
	for _, k := range overlays {
		dir := filepath.Dir(k)
		name := filepath.Base(dir)
		n, f := validateOverlay(dir, schemas)
		objects += n
		for _, line := range f {
			findings = append(findings, "overlay "+name+": "+line)
		}
	}
	if len(findings) > 0 {
		for _, line := range findings {
			fmt.Println(line)
		}
		fmt.Printf("kubernetes: %d overlays, %d objects, %d findings\n", len(overlays), objects, len(findings))
		os.Exit(1)
	}
	fmt.Printf("kubernetes: %d overlays, %d objects, all valid\n", len(overlays), objects)
}

// validateOverlay runs kustomize on dir and checks each resulting object.
func validateOverlay(dir string, schemas *openAPI) (int, []string) {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return 0, []string{"kustomize build: " + err.Error()}
	}
	var findings []string
	for _, r := range resources.Resources() {
		raw, err := r.MarshalJSON()
		id := r.GetKind() + "/" + r.GetName()
		if err != nil {
			findings = append(findings, id+": "+err.Error())
			continue
		}
		objectFindings := append(check(r.GetApiVersion(), r.GetKind(), raw),
			schemas.validate(r.GetApiVersion(), r.GetKind(), raw)...)
		sort.Strings(objectFindings) // label and key checks walk maps
		for _, f := range objectFindings {
			findings = append(findings, id+": "+f)
		}
	}
	return len(resources.Resources()), findings
}

// check decodes one object strictly into its official type and checks what the API server would.
func check(apiVersion, kind string, raw []byte) []string {
	switch apiVersion + " " + kind {
	case "v1 ConfigMap":
		return decode(raw, func(o *corev1.ConfigMap) []string { return append(meta(o.ObjectMeta), configMap(*o)...) })
	case "v1 Secret":
		return decode(raw, func(o *corev1.Secret) []string { return append(meta(o.ObjectMeta), secret(*o)...) })
	case "v1 Service":
		return decode(raw, func(o *corev1.Service) []string { return append(meta(o.ObjectMeta), service(*o)...) })
	case "apps/v1 Deployment":
		return decode(raw, func(o *appsv1.Deployment) []string { return append(meta(o.ObjectMeta), deployment(*o)...) })
	case "monitoring.coreos.com/v1 PrometheusRule":
		return decode(raw, func(o *monitoringv1.PrometheusRule) []string {
			return append(meta(o.ObjectMeta), prometheusRule(*o)...)
		})
	case "monitoring.coreos.com/v1 ServiceMonitor":
		return decode(raw, func(o *monitoringv1.ServiceMonitor) []string {
			return append(meta(o.ObjectMeta), serviceMonitor(*o)...)
		})
	}
	return []string{"no schema for " + apiVersion + " " + kind + " (an object of an unexpected kind)"}
}

// decode decodes as the API server's strict field validation does (case-sensitive; unknown and
// duplicate fields reported), then runs the object's checks; an object that does not decode at
// all (a wrong type) is reported alone.
func decode[T any](raw []byte, checks func(*T) []string) []string {
	var o T
	strictErrs, err := kjson.UnmarshalStrict(raw, &o)
	if err != nil {
		return []string{"does not decode: " + err.Error()}
	}
	var out []string
	for _, e := range strictErrs {
		out = append(out, "strict decoding: "+e.Error())
	}
	return append(out, checks(&o)...)
}

func meta(m metav1.ObjectMeta) []string {
	var out []string
	for _, e := range validation.IsDNS1123Subdomain(m.Name) {
		out = append(out, "metadata.name '"+m.Name+"': "+e)
	}
	if m.Namespace == "" {
		out = append(out, "metadata.namespace is not set")
	} else {
		for _, e := range validation.IsDNS1123Label(m.Namespace) {
			out = append(out, "metadata.namespace '"+m.Namespace+"': "+e)
		}
	}
	out = append(out, labels("metadata.labels", m.Labels)...)
	for k := range m.Annotations {
		for _, e := range validation.IsQualifiedName(strings.ToLower(k)) {
			out = append(out, "metadata.annotations key '"+k+"': "+e)
		}
	}
	return out
}

func labels(where string, l map[string]string) []string {
	var out []string
	for k, v := range l {
		for _, e := range validation.IsQualifiedName(k) {
			out = append(out, where+" key '"+k+"': "+e)
		}
		for _, e := range validation.IsValidLabelValue(v) {
			out = append(out, where+" value of '"+k+"': "+e)
		}
	}
	return out
}

func configMap(o corev1.ConfigMap) []string {
	binary := 0
	for k, v := range o.BinaryData {
		binary += len(k) + len(v)
	}
	return data("data", o.Data, binary)
}

func secret(o corev1.Secret) []string {
	binary := 0
	for k, v := range o.Data {
		binary += len(k) + len(v)
	}
	return data("stringData", o.StringData, binary)
}

// data checks a ConfigMap's or Secret's keys and its size against the API server's limit.
func data(field string, text map[string]string, binaryBytes int) []string {
	var out []string
	size := binaryBytes
	for k, v := range text {
		size += len(k) + len(v)
		for _, e := range validation.IsConfigMapKey(k) {
			out = append(out, field+" key '"+k+"': "+e)
		}
	}
	if size == 0 {
		out = append(out, "has no data")
	}
	if size > maxConfigMapBytes {
		out = append(out, fmt.Sprintf("data is %d bytes, above the API server's %d", size, maxConfigMapBytes))
	}
	return out
}

func service(o corev1.Service) []string {
	var out []string
	if len(o.Spec.Selector) == 0 {
		out = append(out, "spec.selector is empty (the Service would select no pods)")
	}
	if len(o.Spec.Ports) == 0 {
		out = append(out, "spec.ports is empty")
	}
	for i, p := range o.Spec.Ports {
		if p.Port < 1 || p.Port > 65535 {
			out = append(out, fmt.Sprintf("spec.ports[%d].port %d is out of range", i, p.Port))
		}
		if len(o.Spec.Ports) > 1 && p.Name == "" {
			out = append(out, fmt.Sprintf("spec.ports[%d] has no name (required with several ports)", i))
		}
	}
	return out
}

func deployment(o appsv1.Deployment) []string {
	var out []string
	if o.Spec.Selector == nil || len(o.Spec.Selector.MatchLabels) == 0 {
		return append(out, "spec.selector.matchLabels is empty")
	}
	for k, v := range o.Spec.Selector.MatchLabels {
		if o.Spec.Template.Labels[k] != v {
			out = append(out, "spec.selector label '"+k+"="+v+"' is not on the pod template")
		}
	}
	out = append(out, labels("spec.template.metadata.labels", o.Spec.Template.Labels)...)
	pod := o.Spec.Template.Spec
	if len(pod.Containers) == 0 {
		out = append(out, "spec.template.spec.containers is empty")
	}
	volumes := map[string]bool{}
	for _, v := range pod.Volumes {
		volumes[v.Name] = true
	}
	portNames := map[string]bool{}
	for _, c := range pod.Containers {
		where := "container '" + c.Name + "'"
		if c.Name == "" || c.Image == "" {
			out = append(out, where+": name and image are required")
		}
		for _, p := range c.Ports {
			if p.ContainerPort < 1 || p.ContainerPort > 65535 {
				out = append(out, fmt.Sprintf("%s: port %d is out of range", where, p.ContainerPort))
			}
			if p.Name != "" {
				for _, e := range validation.IsValidPortName(p.Name) {
					out = append(out, where+": port name '"+p.Name+"': "+e)
				}
				portNames[p.Name] = true
			}
		}
		for _, m := range c.VolumeMounts {
			if !volumes[m.Name] {
				out = append(out, where+": volume mount '"+m.Name+"' names no volume")
			}
		}
		for _, probe := range []*corev1.Probe{c.ReadinessProbe, c.LivenessProbe} {
			if probe != nil && probe.HTTPGet != nil && probe.HTTPGet.Port.StrVal != "" && !portNames[probe.HTTPGet.Port.StrVal] {
				out = append(out, where+": probe port '"+probe.HTTPGet.Port.StrVal+"' is not a port of the container")
			}
		}
	}
	return out
}

func prometheusRule(o monitoringv1.PrometheusRule) []string {
	var out []string
	if len(o.Spec.Groups) == 0 {
		out = append(out, "spec.groups is empty")
	}
	for _, g := range o.Spec.Groups {
		if g.Name == "" {
			out = append(out, "a rule group has no name")
		}
		for i, r := range g.Rules {
			where := fmt.Sprintf("group %s rule %d", g.Name, i)
			if (r.Alert == "") == (r.Record == "") {
				out = append(out, where+": needs exactly one of alert and record")
			}
			if r.Expr.String() == "" {
				out = append(out, where+": expr is empty")
			}
		}
	}
	return out
}

func serviceMonitor(o monitoringv1.ServiceMonitor) []string {
	var out []string
	if len(o.Spec.Selector.MatchLabels) == 0 && len(o.Spec.Selector.MatchExpressions) == 0 {
		out = append(out, "spec.selector is empty (it would select every Service)")
	}
	if len(o.Spec.Endpoints) == 0 {
		out = append(out, "spec.endpoints is empty")
	}
	for i, e := range o.Spec.Endpoints {
		if e.Port == "" && e.TargetPort == nil {
			out = append(out, fmt.Sprintf("spec.endpoints[%d] names no port", i))
		}
	}
	return out
}
