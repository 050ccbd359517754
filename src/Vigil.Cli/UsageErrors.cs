using System.CommandLine;
using System.Text.RegularExpressions;
using Vigil.Validation;

namespace Vigil.Cli;

/// <summary>Turns System.CommandLine's parse errors into plain words: no .NET type names, and "did you mean" for typos.</summary>
public static partial class UsageErrors
{
    /// <summary>One message per problem in <paramref name="parse"/>, in order.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        var command = parse.CommandResult.Command;
        var messages = new List<string>();
        string? lastUnknownOption = null;
        bool other = parse.Errors.Any(e => !IsMissingCommand(e.Message));
        foreach (var error in parse.Errors)
        {
            if (IsMissingCommand(error.Message))
            {
                if (!other)
                {
                    messages.Add($"'{Name(parse)}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.");
                }

                continue;
            }

            var unknown = Unrecognized().Match(error.Message);
            if (unknown.Success)
            {
                string token = unknown.Groups[1].Value;
                if (!token.StartsWith('-') && lastUnknownOption is not null && FollowsInArgs(args, lastUnknownOption, token))
                {
                    continue;   // the value of the unknown option just reported
                }

                lastUnknownOption = token.StartsWith('-') ? token : null;
                messages.Add(token.StartsWith('-')
                    ? $"unknown option '{token}' for '{Name(parse)}'.{Suggest(token, OptionNames(parse.CommandResult))}"
                    : command.Subcommands.Count > 0
                        ? $"unknown command '{token}' for '{Name(parse)}'.{Suggest(token, command.Subcommands.Select(c => c.Name))}"
                        : $"unexpected argument '{token}' for '{Name(parse)}' (it takes options only).");
                continue;
            }

            var cannotParse = CannotParse().Match(error.Message);
            if (cannotParse.Success)
            {
                string value = cannotParse.Groups[1].Value;
                string option = cannotParse.Groups[2].Value;
                var type = command.Options.Concat(RecursiveOptions(parse.CommandResult)).FirstOrDefault(o => o.Name == option || o.Aliases.Contains(option))?.ValueType;
                messages.Add($"{option}: '{value}' is not {Expected(type)}.");
                continue;
            }

            // Any other message: keep its words, never a .NET type name.
            messages.Add(TypeName().Replace(error.Message, "a value of the right kind"));
        }

        return messages;
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in words.</summary>
    internal static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a valid value",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(OptionProperty.JsonKey)),
            _ => "a valid value",
        };
    }

    private static bool IsMissingCommand(string message) => message.StartsWith("Required command was not provided", StringComparison.Ordinal);

    private static string Name(ParseResult parse) => string.Join(' ', VigilApp.CommandPath(parse.CommandResult));

    private static string Suggest(string token, IEnumerable<string> candidates)
    {
        var closest = ClosestNames.To(token.TrimStart('-'), candidates.Select(c => c.TrimStart('-')).Distinct());
        if (closest.Count == 0)
        {
            return "";
        }

        string prefix = token.StartsWith("--", StringComparison.Ordinal) ? "--" : token.StartsWith('-') ? "-" : "";
        var best = candidates.FirstOrDefault(c => c.TrimStart('-') == closest[0] && (prefix.Length == 0 || c.StartsWith(prefix, StringComparison.Ordinal)))
                   ?? candidates.First(c => c.TrimStart('-') == closest[0]);
        return $" Did you mean '{best}'?";
    }

    private static IEnumerable<string> OptionNames(System.CommandLine.Parsing.CommandResult result) =>
        result.Command.Options.Concat(RecursiveOptions(result)).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    private static IEnumerable<Option> RecursiveOptions(System.CommandLine.Parsing.CommandResult result)
    {
        for (var parent = result.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is System.CommandLine.Parsing.CommandResult c)
            {
                foreach (var option in c.Command.Options.Where(o => o.Recursive))
                {
                    yield return option;
                }
            }
        }
    }

    private static bool FollowsInArgs(IReadOnlyList<string> args, string option, string token)
    {
        for (int i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == option && args[i + 1] == token)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^Unrecognized command or argument '(.*)'\\.$")]
    private static partial Regex Unrecognized();

    [GeneratedRegex("^Cannot parse argument '(.*)' for option '(.*)' as expected type '.*'\\.?$")]
    private static partial Regex CannotParse();

    [GeneratedRegex("'?System\\.[A-Za-z0-9_.`\\[\\]]+'?")]
    private static partial Regex TypeName();
}
