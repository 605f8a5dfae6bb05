using System.Reflection;
using System.Reflection.Emit;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Tests.Architecture;

/// <summary>
/// Namespaces of the host depend one way (issue 13, item 6; docs/architecture.md): slices → Access, Web,
/// Infrastructure; the composition root (Hosting) → everything. A cycle means two folders can only be understood and
/// changed together. Read from the compiled assembly — signatures, attributes and every type, method and field a
/// method body names — so a fully qualified name cannot slip past as it could in a look at the `using` lines.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly Assembly Host = typeof(LedgerDatabase).Assembly;

    [Fact]
    public void The_hosts_namespaces_depend_on_each_other_without_cycles()
    {
        var edges = Dependencies(Host);
        Assert.True(edges.Keys.Count >= 20, $"only {edges.Keys.Count} namespaces read: {string.Join(", ", edges.Keys)}");
        // The slices named in the issue are read, with what they are known to use.
        Assert.Contains("SkillsLedger.Retention", edges["SkillsLedger.Participation"].Keys);
        Assert.Contains("SkillsLedger.Participation", edges["SkillsLedger.Dashboard"].Keys);
        Assert.Contains("SkillsLedger.Infrastructure", edges["SkillsLedger.Roi"].Keys);

        // The last cycle, broken on 2026-12-06: the hash chain is its own namespace (Chain), which the write pipeline
        // extends and Audit verifies, and the import's profiler is Infrastructure, so Audit no longer needs Ingestion.
        Assert.Contains("SkillsLedger.Chain", edges["SkillsLedger.Ingestion"].Keys);
        Assert.Contains("SkillsLedger.Chain", edges["SkillsLedger.Audit"].Keys);
        Assert.Contains("SkillsLedger.Ingestion", edges["SkillsLedger.Xapi"].Keys);

        var cycles = Cycles(edges).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c => Describe(c, edges))));
    }


    [Fact]
    public void The_check_finds_a_cycle()
    {
        var edges = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "A.X → B.Y" },
            ["B"] = new() { ["C"] = "B.Y → C.Z" },
            ["C"] = new() { ["A"] = "C.Z → A.X" },
            ["D"] = new() { ["A"] = "D.W → A.X" },
        };
        Assert.Equal(["A", "B", "C"], Assert.Single(Cycles(edges)).Order());
    }

    /// <summary>namespace → namespace it uses → one example (type → type), within the host's own namespaces.</summary>
    private static Dictionary<string, Dictionary<string, string>> Dependencies(Assembly assembly)
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (Namespace(type) is not { } from) continue;
            var uses = edges.TryGetValue(from, out var u) ? u : edges[from] = new(StringComparer.Ordinal);
            foreach (var used in Used(type).SelectMany(Flatten).Distinct())
                if (used.Assembly == assembly && Namespace(used) is { } to && to != from)
                    uses.TryAdd(to, $"{type.FullName} → {used.FullName}");
        }
        return edges;
    }

    /// <summary>Our own namespaces; Wolverine's generated endpoint code (it calls every endpoint) and compiler helpers left out.</summary>
    private static string? Namespace(Type type) =>
        type.Namespace is { } ns && ns.StartsWith("SkillsLedger", StringComparison.Ordinal) && !ns.StartsWith("SkillsLedger.Internal.Generated", StringComparison.Ordinal)
            ? ns
            : null;

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Used(Type type)
    {
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var a in type.CustomAttributes.SelectMany(a => a.AttributeType.GetGenericArguments())) yield return a;
        foreach (var f in type.GetFields(Declared)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Declared)) yield return p.PropertyType;
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) yield return mi.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            foreach (var used in BodyReferences(m)) yield return used;
        }
    }

    /// <summary>The types, and the declaring types of the methods and fields, that a method's IL names.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
            i += op.Size;
            var operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                MemberInfo? member;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException) { member = null; } // outside the host
                switch (member)
                {
                    case Type t: yield return t; break;
                    case MethodInfo { IsGenericMethod: true } g:
                        yield return g.DeclaringType!;
                        foreach (var a in g.GetGenericArguments()) yield return a;
                        break;
                    case { DeclaringType: { } d }: yield return d; break;
                }
            }
            i += operand;
        }
    }

    private static readonly OpCode[] OneByte = new OpCode[256], TwoByte = new OpCode[256];

    static NamespaceCycleTests()
    {
        foreach (var op in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
            if (op.Size == 1) OneByte[(byte)op.Value] = op;
            else TwoByte[(byte)(op.Value & 0xFF)] = op;
    }

    /// <summary>A type and what it is built from: array elements, generic arguments, the outer type of a nested one.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType) return Flatten(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        var own = type.IsNested ? [type, type.DeclaringType!] : new[] { type };
        return type.IsGenericType ? own.Concat(type.GetGenericArguments().SelectMany(Flatten)) : own;
    }

    /// <summary>The strongly connected components of more than one namespace (Tarjan).</summary>
    private static List<List<string>> Cycles(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in edges.TryGetValue(v, out var e) ? e.Keys.ToList() : [])
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do component.Add(x = stack.Pop()); while (x != v);
            if (component.Count > 1) cycles.Add(component);
        }
        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }

    private static string Describe(List<string> cycle, Dictionary<string, Dictionary<string, string>> edges) =>
        string.Join(", ", cycle.Order(StringComparer.Ordinal)) + ":\n    " + string.Join("\n    ",
            from a in cycle from b in cycle where edges[a].ContainsKey(b) orderby a, b select $"{a} → {b} (e.g. {edges[a][b]})");
}
