using System.Linq;
using System.Text;

namespace OrleansBank.CodeGenerator;

/// <summary>Writes the request class of one grain method: typed fields, a direct call, and index access for the wire.</summary>
internal static class GrainRequestWriter
{
    private const string Task = "global::System.Threading.Tasks.Task";

    public static void Write(StringBuilder s, GrainMethodModel m, string requestClass)
    {
        var parameters = m.Parameters;
        s.AppendLine();
        s.AppendLine($"        private sealed class {requestClass} : global::OrleansBank.Runtime.Calls.GrainRequest");
        s.AppendLine("        {");
        for (var i = 0; i < parameters.Count; i++)
        {
            s.AppendLine($"            public {parameters[i].Type} Arg{i} = default!;");
            s.AppendLine();
        }

        s.AppendLine($"            public override int ArgumentCount => {parameters.Count};");
        s.AppendLine();
        s.AppendLine("            public override object? GetArgument(int index)");
        s.AppendLine("            {");
        s.AppendLine("                switch (index)");
        s.AppendLine("                {");
        for (var i = 0; i < parameters.Count; i++)
        {
            s.AppendLine($"                    case {i}: return Arg{i};");
        }

        s.AppendLine("                    default: throw NoSuchArgument(index);");
        s.AppendLine("                }");
        s.AppendLine("            }");
        s.AppendLine();
        s.AppendLine("            public override void SetArgument(int index, object? value)");
        s.AppendLine("            {");
        s.AppendLine("                switch (index)");
        s.AppendLine("                {");
        for (var i = 0; i < parameters.Count; i++)
        {
            s.AppendLine($"                    case {i}: Arg{i} = ({parameters[i].Type})value!; break;");
        }

        s.AppendLine("                    default: throw NoSuchArgument(index);");
        s.AppendLine("                }");
        s.AppendLine("            }");
        s.AppendLine();
        var arguments = string.Join(", ", Enumerable.Range(0, parameters.Count).Select(i => "Arg" + i));
        s.AppendLine($"            public override {Task} Invoke(object grain) => (({m.DeclaringInterface})grain).{GrainReferenceWriter.Identifier(m.Name)}({arguments});");
        if (m.ResultType is not null)
        {
            s.AppendLine();
            s.AppendLine($"            public override object? GetResult({Task} completed) => (({Task}<{m.ResultType}>)completed).Result;");
        }

        s.AppendLine("        }");
    }
}
