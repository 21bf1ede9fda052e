import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';

// What the OpenTelemetry variables switch on; test/db/tracing.test.ts runs the service with them.

describe('tracing configuration', () => {
  it('is off unless an exporter is named, and follows the OpenTelemetry variables when on', () => {
    expect(loadConfig({}).tracing).toBe(false);
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBe(false);
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }).tracing).toBe(false);
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing).toEqual({
      exporters: ['otlp'],
      serviceName: 'compute-atlas',
      resourceAttributes: {},
      otlp: { url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf' },
      sampler: { name: 'parentbased_always_on', ratio: 1 },
    });
    expect(
      loadConfig({
        OTEL_TRACES_EXPORTER: 'otlp, console',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318/',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource,deployment.environment.name=eu%20prod',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      }).tracing,
    ).toEqual({
      exporters: ['otlp', 'console'],
      serviceName: 'from-resource',
      resourceAttributes: { 'service.name': 'from-resource', 'deployment.environment.name': 'eu prod' },
      otlp: { url: 'https://collector.internal:4318/v1/traces', protocol: 'http/json' },
      sampler: { name: 'parentbased_traceidratio', ratio: 0.1 },
    });
    // A signal's own endpoint and protocol win, used as given.
    expect(
      loadConfig({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_SERVICE_NAME: 'atlas-eu',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/otlp/traces',
      }).tracing,
    ).toMatchObject({ serviceName: 'atlas-eu', otlp: { url: 'http://tempo:4318/otlp/traces', protocol: 'http/json' } });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, /OTEL_TRACES_EXPORTER: must be otlp, console or none/],
    [{ OTEL_TRACES_EXPORTER: 'none,console' }, /OTEL_TRACES_EXPORTER: none cannot be combined/],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, /OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not built in/],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' }, /OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf, http\/json or grpc/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector/v1/traces' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http/],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, /OTEL_TRACES_SAMPLER: must be one of/],
    [{ OTEL_TRACES_SAMPLER_ARG: '1.5' }, /OTEL_TRACES_SAMPLER_ARG: must be a ratio from 0 to 1/],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'region' }, /OTEL_RESOURCE_ATTRIBUTES: must be key=value pairs/],
    [{ OTEL_SDK_DISABLED: 'perhaps' }, /OTEL_SDK_DISABLED/],
  ])('rejects %j at start with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
