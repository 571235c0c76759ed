namespace MultiTaskSharp;

/// <summary>One measured step: per-task gradient norms, pairwise cosines and (optionally) lookahead affinities.</summary>
/// <param name="Present">Which tasks the batch labelled (others are left out of every mean).</param>
/// <param name="Norms">‖g_t‖ on the shared parameters.</param>
/// <param name="Cosines">cos(g_i, g_j).</param>
/// <param name="Affinity">Z[i, j] = 1 − L_j(θ after a step on task i alone) / L_j(θ), or null.</param>
internal sealed record RelationshipSample(bool[] Present, double[] Norms, double[,] Cosines, double[,]? Affinity);
