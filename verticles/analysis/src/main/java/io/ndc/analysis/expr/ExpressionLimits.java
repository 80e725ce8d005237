package io.ndc.analysis.expr;

/**
 * What one expression may cost. Text length and node count bound parsing and the depth of every recursion over
 * the tree (no stack overflow from a hostile input); look-back bounds how many bars the service fetches.
 *
 * @param maxLength characters of text
 * @param maxNodes syntax nodes: literals, names, operators, calls, history indices, parentheses
 * @param maxLookback bars of history the expression needs before its first value
 */
public record ExpressionLimits(int maxLength, int maxNodes, int maxLookback) {

  public static final ExpressionLimits DEFAULTS = new ExpressionLimits(2_000, 256, 5_000);

  public ExpressionLimits {
    if (maxLength < 1 || maxNodes < 1 || maxLookback < 0) {
      throw new IllegalArgumentException(
          "expression limits must be positive: length " + maxLength + ", nodes " + maxNodes + ", look-back " + maxLookback);
    }
  }
}
