using System.Collections.Generic;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;

namespace MultiTaskSharp.Generated;

/// <summary>Collects parameters of modules and parameter fields into lists, for the generated parameter layouts.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterGroups
{
    /// <summary>The trainable parameters of <paramref name="modules"/>, in order, each once.</summary>
    public static List<Parameter> Of(params torch.nn.Module[] modules)
    {
        var seen = new HashSet<System.IntPtr>();
        var list = new List<Parameter>();
        foreach (var module in modules)
        {
            foreach (var parameter in module.parameters())
            {
                if (parameter.requires_grad && seen.Add(parameter.Handle))
                    list.Add(parameter);
            }
        }
        return list;
    }

    /// <summary>The parameters of <paramref name="modules"/> plus single parameters held in fields.</summary>
    public static List<Parameter> Of(torch.nn.Module[] modules, Parameter[] parameters)
    {
        var list = Of(modules);
        foreach (var parameter in parameters)
        {
            if (parameter.requires_grad && !list.Exists(p => p.Handle == parameter.Handle))
                list.Add(parameter);
        }
        return list;
    }
}
