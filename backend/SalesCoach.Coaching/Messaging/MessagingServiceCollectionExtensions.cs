using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The interaction event bus chosen by <c>Messaging:Transport</c>, its start-up and its readiness check.</summary>
    public static IServiceCollection AddInteractionMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<InProcessInteractionEventBus>();
        services.TryAddSingleton<RabbitMqInteractionEventBus>();
        services.TryAddSingleton<IInteractionEventBus>(sp =>
            sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Transport == MessagingTransport.RabbitMq
                ? sp.GetRequiredService<RabbitMqInteractionEventBus>()
                : sp.GetRequiredService<InProcessInteractionEventBus>());
        services.AddHostedService<MessagingStartup>();
        services.AddHealthChecks().AddCheck<MessagingHealthCheck>("messaging", tags: ["ready"]);
        return services;
    }

    /// <summary>Connects the RabbitMQ transport before requests are served, and closes it on shutdown.</summary>
    private sealed class MessagingStartup(IInteractionEventBus bus) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            bus is RabbitMqInteractionEventBus rabbit ? rabbit.StartAsync(cancellationToken) : Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (bus is RabbitMqInteractionEventBus rabbit)
            {
                await rabbit.DisposeAsync();
            }
        }
    }
}
