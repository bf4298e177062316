using System.Collections;
using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;
using RabbitMQ.Client;

namespace OrleansConnect.Plugins.RabbitMQ.Source;

/// <summary>
/// The Kafka headers of a delivered message, as Confluent's RabbitMQ source writes them: the consumer tag, every AMQP
/// basic property (null when the message has none) and the envelope, each under a <c>rabbitmq.</c> name, then the
/// message's own AMQP headers, each as <c>rabbitmq.</c> + its name. AMQP long strings (bytes on the wire) become
/// strings, as the Java client's <c>LongString.toString()</c>; arrays become arrays of strings; nested tables and
/// other types Kafka headers cannot hold are left out.
/// </summary>
internal static class MessageHeaders
{
    public const string Prefix = "rabbitmq.";
    public const string ConsumerTag = "rabbitmq.consumer.tag";
    public const string ContentType = "rabbitmq.content.type";
    public const string ContentEncoding = "rabbitmq.content.encoding";
    public const string DeliveryMode = "rabbitmq.delivery.mode";
    public const string Priority = "rabbitmq.priority";
    public const string CorrelationId = "rabbitmq.correlation.id";
    public const string ReplyTo = "rabbitmq.reply.to";
    public const string Expiration = "rabbitmq.expiration";
    public const string MessageId = "rabbitmq.message.id";
    public const string Timestamp = "rabbitmq.timestamp";
    public const string Type = "rabbitmq.type";
    public const string UserId = "rabbitmq.user.id";
    public const string AppId = "rabbitmq.app.id";
    public const string DeliveryTag = "rabbitmq.delivery.tag";
    public const string Redeliver = "rabbitmq.redeliver";
    public const string Exchange = "rabbitmq.exchange";
    public const string RoutingKey = "rabbitmq.routing.key";

    private static readonly Schema OptionalTimestamp = Data.Timestamp.Builder().Optional().Build();
    private static readonly Schema StringArray = SchemaBuilder.Array(Schema.OptionalString).Optional().Build();

    public static ConnectHeaders ToConnect(Delivery delivery)
    {
        var properties = delivery.Properties;
        var headers = new ConnectHeaders()
            .AddString(ConsumerTag, delivery.ConsumerTag)
            .AddString(ContentType, properties.ContentType)
            .AddString(ContentEncoding, properties.ContentEncoding)
            .Add(DeliveryMode, properties.IsDeliveryModePresent() ? (int)properties.DeliveryMode : null, Schema.OptionalInt32)
            .Add(Priority, properties.IsPriorityPresent() ? (int)properties.Priority : null, Schema.OptionalInt32)
            .AddString(CorrelationId, properties.CorrelationId)
            .AddString(ReplyTo, properties.ReplyTo)
            .AddString(Expiration, properties.Expiration)
            .AddString(MessageId, properties.MessageId)
            .Add(Timestamp, properties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime) : null, OptionalTimestamp)
            .AddString(Type, properties.Type)
            .AddString(UserId, properties.UserId)
            .AddString(AppId, properties.AppId)
            .Add(DeliveryTag, (long)delivery.DeliveryTag, Schema.Int64)
            .Add(Redeliver, delivery.Redelivered, Schema.Boolean)
            .AddString(Exchange, delivery.Exchange)
            .AddString(RoutingKey, delivery.RoutingKey);
        foreach (var (name, value) in properties.Headers ?? new Dictionary<string, object?>())
        {
            if (ToHeader(value) is { } header)
            {
                headers.Add(Prefix + name, header.Value, header.Schema);
            }
        }

        return headers;
    }

    /// <summary>An AMQP field value as a header value and its schema; null for a type a header cannot hold.</summary>
    private static (object? Value, Schema Schema)? ToHeader(object? value) => value switch
    {
        null => (null, Schema.OptionalString),
        byte[] bytes => (Encoding.UTF8.GetString(bytes), Schema.String),
        string text => (text, Schema.String),
        bool flag => (flag, Schema.Boolean),
        sbyte number => (number, Schema.Int8),
        byte number => ((short)number, Schema.Int16),
        short number => (number, Schema.Int16),
        ushort number => ((int)number, Schema.Int32),
        int number => (number, Schema.Int32),
        uint number => ((long)number, Schema.Int64),
        long number => (number, Schema.Int64),
        float number => (number, Schema.Float32),
        double number => (number, Schema.Float64),
        decimal number => (number.ToString(CultureInfo.InvariantCulture), Schema.String),
        AmqpTimestamp timestamp => (DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime), Data.Timestamp.Schema),
        IDictionary => null,
        IEnumerable list => (list.Cast<object?>().Select(ElementText).ToList(), StringArray),
        _ => null,
    };

    private static string? ElementText(object? element) => element switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => element.ToString(),
    };
}
