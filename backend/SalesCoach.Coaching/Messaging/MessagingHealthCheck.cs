using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

/// <summary>Part of readiness: with the RabbitMQ transport, the broker connection is up (the in-process bus is always ready).</summary>
internal sealed class MessagingHealthCheck(IInteractionEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus switch
        {
            RabbitMqInteractionEventBus { IsConnected: true } => HealthCheckResult.Healthy("RabbitMQ connected"),
            RabbitMqInteractionEventBus => HealthCheckResult.Unhealthy("RabbitMQ unreachable"),
            _ => HealthCheckResult.Healthy("in-process events"),
        });
}
