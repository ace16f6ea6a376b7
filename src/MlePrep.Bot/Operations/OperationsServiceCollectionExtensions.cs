using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;
using OpenTelemetry.Metrics;

namespace MlePrep.Bot.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Health (status file, probes), metrics (Prometheus at <c>Telemetry:Url</c>, OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), the backup socket and automatic backups, the shutdown report and
    /// /about. Registered after the features: it counts around the router and the answer store.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration, TimeProvider time)
    {
        services.AddOptions<OperationsOptions>()
            .Configure(o => OperationsOptions.Bind(o, configuration))
            .ValidateDataAnnotations()
            .Validate(o => o.TelemetryUrl is not { Length: > 0 } url || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp,
                "Telemetry:Url must be an http URL to listen on, e.g. http://0.0.0.0:9090.")
            .ValidateOnStart();
        services.AddSingleton(new ProcessStart(time.GetUtcNow()));
        services.AddSingleton<Instrumentation>();
        services.AddSingleton<ServerCount>();
        services.AddScoped<IGatewayEventHandler, ServerCountEvents>();
        services.AddSlashCommand<AboutCommand>();
        Decorate<IInteractionHandler>(services, (sp, inner) => new CountingInteractionHandler(inner, sp.GetRequiredService<Instrumentation>()));
        Decorate<IAnswerStore>(services, (sp, inner) => new CountingAnswerStore(inner, sp.GetRequiredService<Instrumentation>()));

        services.AddSingleton<HealthStatus>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthStatus>());
        services.AddHostedService<ShutdownReport>();
        services.AddHostedService<ControlSocket>();
        services.AddHostedService<AutomaticBackups>();
        services.AddHostedService<ActiveStreaksCounter>();
        services.AddHostedService<TelemetryEndpoint>();

        var metrics = services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(Metrics.MeterName, DiscordMetrics.MeterName);
            m.AddPrometheusExporter();
        });
        // The variable is OpenTelemetry's own; unset, nothing is exported over OTLP.
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            metrics.WithMetrics(m => m.AddOtlpExporter());
        }
        return services;
    }

    /// <summary>Wraps the last registration of <typeparamref name="T"/>, keeping its lifetime.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap) where T : class
    {
        var inner = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(inner);
        // The constructor is looked up once here, not by reflection on every resolution (the router is built per interaction).
        var create = inner.ImplementationInstance is { } instance ? _ => instance
            : inner.ImplementationFactory ?? FactoryOf(inner.ImplementationType!);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap(sp, (T)create(sp)), inner.Lifetime));
    }

    private static Func<IServiceProvider, object> FactoryOf(Type type)
    {
        var factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        return sp => factory(sp, null);
    }
}
