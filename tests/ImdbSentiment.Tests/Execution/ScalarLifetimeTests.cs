using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ImdbSentiment.Tests.Execution;

/// <summary>
/// A TorchSharp <c>Scalar</c> owns a native <c>c10::Scalar</c> through a raw pointer and frees it in its finalizer. A
/// temporary Scalar (an implicit conversion such as <c>masked_fill(mask, 0)</c>, or one that a TorchSharp overload makes
/// itself, such as <c>add(Tensor)</c> passing alpha 1) is unreachable once its pointer has been read, so a garbage
/// collection during the native call can free it while libtorch still reads it ("Expected false to be true" from
/// <c>Scalar::toFloat</c>, or a silently wrong value). Our code must pass only Scalars that outlive the call.
/// </summary>
public sealed class ScalarLifetimeTests
{
    private const string ScalarType = "TorchSharp.Scalar";
    private const string AllowedOwner = "ImdbSentiment.Runtime.NativeScalars";

    [Fact]
    public void Should_never_pass_a_temporary_scalar_to_libtorch()
    {
        // Given every TorchSharp method that makes a Scalar and lets it go before its native call returns
        var torchSharp = AssemblyDefinition.ReadAssembly(typeof(TorchSharp.torch).Assembly.Location);
        var makesTemporaries = TemporaryScalarMakers(torchSharp.MainModule);
        Assert.Contains(makesTemporaries, m => m.StartsWith("TorchSharp.torch/Tensor::add(TorchSharp.torch/Tensor)", StringComparison.Ordinal));

        // When every method of our library and CLI is read
        var offences = new List<string>();
        foreach (var assembly in new[] { typeof(ImdbSentiment.Models.ModelFactory).Assembly, typeof(ImdbSentiment.Cli.SentimentApp).Assembly })
        {
            using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
            foreach (var method in AllMethods(definition.MainModule).Where(m => m.HasBody))
            {
                if (method.DeclaringType.FullName.StartsWith(AllowedOwner, StringComparison.Ordinal))
                {
                    continue;
                }

                var calls = Calls(method).ToList();
                var constructed = method.Body.Instructions.Where(i => i.OpCode == OpCodes.Newobj).Select(i => ((MethodReference)i.Operand).DeclaringType);
                foreach (var called in calls)
                {
                    if (CreatesScalar(called) || makesTemporaries.Contains(Key(called)))
                    {
                        offences.Add($"{method.DeclaringType.FullName}::{method.Name} calls {Key(called)}");
                    }

                    // Virtual calls (an optimizer's step, a module's forward) reach the overrides of the TorchSharp types we make.
                }

                // Virtual calls (an optimizer's step, a module's forward) reach the overrides of the TorchSharp types we make.
                foreach (var made in constructed.Concat(calls.Select(c => c.ReturnType)))
                {
                    if (made.Scope.Name.StartsWith("TorchSharp", StringComparison.Ordinal) && made.Resolve() is { } type)
                    {
                        offences.AddRange(type.Methods.Where(m => m.IsVirtual && makesTemporaries.Contains(Key(m)))
                            .Select(m => $"{method.DeclaringType.FullName}::{method.Name} makes {type.FullName}, whose {Key(m)} passes temporary Scalars"));
                    }
                }

                if (calls.Any(c => c.DeclaringType.FullName == AllowedOwner && c.Name == "Owned") && !calls.Any(IsDispose))
                {
                    offences.Add($"{method.DeclaringType.FullName}::{method.Name} makes an owned Scalar and never disposes it");
                }
            }
        }

        // Then none of them makes a Scalar or calls a method that makes a temporary one
        Assert.True(offences.Count == 0, "temporary Scalars passed to libtorch (use NativeScalars):\n" + string.Join("\n", offences.Distinct().Order()));
    }

    // Methods whose IL makes a Scalar (an implicit conversion or ToScalar) and never disposes one, plus every method that
    // calls such a method: each passes a Scalar that nothing keeps alive.
    private static HashSet<string> TemporaryScalarMakers(ModuleDefinition module)
    {
        var methods = AllMethods(module).Where(m => m.HasBody).ToList();
        var callers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            var calls = Calls(method).ToList();
            if (calls.Any(CreatesScalar) && !calls.Any(IsDispose))
            {
                found.Add(Key(method));
            }

            foreach (var called in calls)
            {
                if (!callers.TryGetValue(Key(called), out var list))
                {
                    callers[Key(called)] = list = [];
                }

                list.Add(Key(method));
            }
        }

        var pending = new Queue<string>(found);
        while (pending.TryDequeue(out var method))
        {
            foreach (var caller in callers.GetValueOrDefault(method) ?? [])
            {
                if (found.Add(caller))
                {
                    pending.Enqueue(caller);
                }
            }
        }

        return found;
    }

    private static bool IsDispose(MethodReference method) =>
        method.Name == "Dispose" && method.DeclaringType.FullName is ScalarType or "System.IDisposable";

    private static bool CreatesScalar(MethodReference method) =>
        method.ReturnType.FullName == ScalarType
        && ((method.DeclaringType.FullName == ScalarType && method.Name == "op_Implicit")
            || method.DeclaringType.FullName == "TorchSharp.ScalarExtensionMethods");

    private static IEnumerable<MethodReference> Calls(MethodDefinition method) =>
        method.Body.Instructions
            .Where(i => i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj || i.OpCode == OpCodes.Ldftn)
            .Select(i => i.Operand).OfType<MethodReference>();

    private static IEnumerable<MethodDefinition> AllMethods(ModuleDefinition module) =>
        module.Types.SelectMany(Nested).SelectMany(t => t.Methods);

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => new[] { type }.Concat(type.NestedTypes.SelectMany(Nested));

    private static string Key(MethodReference method)
    {
        var element = method is GenericInstanceMethod generic ? generic.ElementMethod : method;
        return $"{element.DeclaringType.FullName}::{element.Name}({string.Join(",", element.Parameters.Select(p => p.ParameterType.FullName))})";
    }
}
