using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Coaching.Messaging;

public enum MessagingTransport
{
    /// <summary>One replica: events fan out inside the process (the embedded default).</summary>
    InProcess,

    /// <summary>Several replicas: events travel through a RabbitMQ topic exchange.</summary>
    RabbitMq,
}

/// <summary>Configuration section <c>Messaging</c>: how live-coaching events reach streams (environment <c>Messaging__Transport</c>).</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InProcess;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport != MessagingTransport.RabbitMq)
        {
            yield break;
        }

        // The URI carries the broker password: messages name the setting, never its value.
        if (string.IsNullOrWhiteSpace(RabbitMq.Uri))
        {
            yield return new ValidationResult("Messaging:RabbitMq:Uri is required when Messaging:Transport is RabbitMq.", ["RabbitMq.Uri"]);
        }
        else if (!System.Uri.TryCreate(RabbitMq.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            yield return new ValidationResult("Messaging:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI with a host.", ["RabbitMq.Uri"]);
        }

        var context = new ValidationContext(RabbitMq);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(RabbitMq, context, results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return result;
        }
    }
}

/// <summary><c>Messaging:RabbitMq</c>. The URI is a secret (it holds the password): environment or user-secrets only.</summary>
public sealed class RabbitMqOptions
{
    public string? Uri { get; set; }

    /// <summary>The topic exchange every replica publishes to; all replicas of one deployment must agree.</summary>
    [RegularExpression("^[A-Za-z0-9._:-]{1,127}$", ErrorMessage = "Messaging:RabbitMq:Exchange must be 1-127 letters, digits, '.', '_', ':' or '-'.")]
    public string Exchange { get; set; } = "salescoach.interaction-events";

    /// <summary>Seconds between reconnection attempts after the broker goes away.</summary>
    [Range(1, 300)]
    public int RecoverySeconds { get; set; } = 5;

    /// <summary>Events waiting to be sent to the broker; beyond this a publish is dropped (streams catch up from the log).</summary>
    [Range(16, 1_000_000)]
    public int OutboxCapacity { get; set; } = 10_000;
}
