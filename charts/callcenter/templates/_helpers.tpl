{{/* Release-scoped name, at most 63 characters. */}}
{{- define "callcenter.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "callcenter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "callcenter.labels" -}}
helm.sh/chart: {{ include "callcenter.chart" . }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: callcenter
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "name" NAME). */}}
{{- define "callcenter.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "callcenter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "callcenter.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image reference; call with (dict "root" $ "image" NAME). */}}
{{- define "callcenter.image" -}}
{{- printf "%s/%s:%s" .root.Values.images.repository .image (default .root.Chart.AppVersion .root.Values.images.tag) -}}
{{- end -}}

{{/* Settings every service reads (services/chassis/src/chassis/settings.py). */}}
{{- define "callcenter.commonEnv" -}}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required (host:port[,host:port])" .Values.kafka.bootstrapServers | quote }}
TOPIC_PREFIX: {{ .Values.kafka.topicPrefix | quote }}
KAFKA_PARTITIONS: {{ .Values.kafka.partitions | quote }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
SHUTDOWN_GRACE_S: {{ .Values.shutdownGraceSeconds | quote }}
{{- with .Values.otel.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Hardened pod and container security contexts (not configurable on purpose). */}}
{{- define "callcenter.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "callcenter.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
privileged: false
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The tenants document (values `tenants`), checked to be a YAML mapping. */}}
{{- define "callcenter.tenants" -}}
{{- $text := required "tenants is required (the tenants YAML document) by the services with tenantsConfig" .Values.tenants -}}
{{- $parsed := fromYaml $text -}}
{{- if hasKey $parsed "Error" -}}
{{- fail (printf "tenants is not valid YAML: %s" (get $parsed "Error")) -}}
{{- end -}}
{{- if not (hasKey $parsed "tenants") -}}
{{- fail "tenants must be a YAML document with a top-level `tenants:` mapping (see deploy/config/tenants.yaml)" -}}
{{- end -}}
{{- $text -}}
{{- end -}}

{{/* Whether any enabled service mounts the tenants ConfigMap ("true" or ""). */}}
{{- define "callcenter.tenantsNeeded" -}}
{{- range $name, $svc := .Values.services -}}
{{- if and $svc.enabled $svc.tenantsConfig -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{/* Where the tenants ConfigMap is mounted (the same path as the demo file baked into the images). */}}
{{- define "callcenter.tenantsDir" -}}/app/config{{- end -}}
