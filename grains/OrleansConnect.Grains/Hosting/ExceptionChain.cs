using System.Text;

namespace OrleansConnect.Grains.Hosting;

/// <summary>An exception and its causes as text, for an error that must cross a grain call without them.</summary>
internal static class ExceptionChain
{
    /// <summary>Each exception's type and message, outermost first: <c>A: message ---&gt; B: message</c>.</summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e == exception ? string.Empty : " ---> ").Append(e.GetType().FullName).Append(": ").Append(e.Message);
        }

        return text.ToString();
    }
}
