using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Stops <c>Fit</c> when <see cref="Monitor"/> has not improved (by more than <see cref="MinDelta"/>) for
/// <see cref="Patience"/> judged epochs, and by default puts back the parameters of the best epoch when training ends.
/// Set it as <see cref="FitOptions.EarlyStopping"/> or add it to <see cref="FitOptions.Callbacks"/>.
/// </summary>
/// <param name="Monitor">What is watched, e.g. <c>SceneModel.Monitors.ShapeAccuracy</c> or <see cref="FitMonitor.ValidationLoss"/>.</param>
/// <param name="Patience">Judged epochs without improvement before stopping.</param>
public sealed record EarlyStopping(FitMonitor Monitor, int Patience) : IFitCallback
{
    // The rule is a value (a record); what one fit learns about it lives with that fit's context, so the same rule can
    // serve several fits, one after the other or at once.
    private static readonly ConditionalWeakTable<object, State> States = new();

    /// <summary>The smallest change that counts as an improvement (default 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether to restore the best epoch's parameters when training ends, stopped or not (default true).</summary>
    public bool RestoreBestWeights { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Monitor);
        if (Patience < 1)
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be at least 1 epoch.");
        if (!double.IsFinite(MinDelta) || MinDelta < 0)
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "MinDelta must be a finite, non-negative number.");
    }

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        Validate();
        Monitor.Validate(fit.Tasks, fit.HasValidation, "Early stopping");
        States.AddOrUpdate(fit, new State());
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
    {
        var state = States.GetValue(fit, _ => new State());
        if (Monitor.Read(epoch) is not double value)
            return;
        if (Monitor.Improves(value, state.Best, MinDelta))
        {
            state.Best = value;
            state.Waited = 0;
            fit.History.BestEpoch = epoch.Epoch;
            if (RestoreBestWeights)
                state.Keep(fit.Module);
            return;
        }
        if (++state.Waited >= Patience)
            fit.StopTraining($"{Monitor} has not improved for {Patience} epoch(s); the best was epoch {fit.History.BestEpoch}");
    }

    void IFitCallback.OnTrainEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        if (States.TryGetValue(fit, out var state))
        {
            state.RestoreBest(fit.Module);
            States.Remove(fit);
        }
    }

    /// <summary>The bookkeeping of one fit: the best value, the epochs without improvement, the best parameters.</summary>
    private sealed class State
    {
        private Dictionary<string, Tensor>? _bestParameters;

        public double? Best { get; set; }

        public int Waited { get; set; }

        public void Keep(nn.Module model)
        {
            Release();
            // Outlives every step's dispose scope: detached, and disposed when replaced or restored.
            _bestParameters = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
        }

        public void RestoreBest(nn.Module model)
        {
            if (_bestParameters is null)
                return;
            using (no_grad())
            {
                foreach (var (name, tensor) in model.state_dict())
                {
                    if (_bestParameters.TryGetValue(name, out var best))
                        tensor.copy_(best);
                }
            }
            Release();
        }

        private void Release()
        {
            if (_bestParameters is null)
                return;
            foreach (var tensor in _bestParameters.Values)
                tensor.Dispose();
            _bestParameters = null;
        }
    }
}
