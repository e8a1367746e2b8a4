package org.neuroform.compiler.sym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several expressions compiled to one straight-line program over batches of points, with
 * common subexpressions computed once (a residual and its partial derivatives share most of
 * their terms). Evaluation is a loop over instructions, each a loop over points: no
 * recursion, no allocation once a {@link Workspace} exists.
 *
 * <p>Inputs are bound by slot: the independent variable, each {@link Derivative} the
 * expressions use (an array per point) and each {@link PointValue} (one number).
 */
public final class BatchProgram {
    private static final int CONSTANT = 0;
    private static final int VARIABLE = 1;
    private static final int DERIVATIVE = 2;
    private static final int POINT = 3;
    private static final int APPLY = 4;
    private static final int BINARY = 5;

    private final int[] kind;
    private final int[] operand; // function/operator ordinal, or input slot
    private final int[] left;
    private final int[] right;
    private final double[] constants;
    private final boolean[] uniform; // same value at every point: computed once
    private final int[] outputs;
    private final List<Derivative> derivatives;
    private final List<PointValue> points;

    private BatchProgram(Builder builder, int[] outputs) {
        int size = builder.nodes.size();
        kind = new int[size];
        operand = new int[size];
        left = new int[size];
        right = new int[size];
        constants = new double[size];
        uniform = new boolean[size];
        for (int i = 0; i < size; i++) {
            Builder.Node node = builder.nodes.get(i);
            kind[i] = node.kind;
            operand[i] = node.operand;
            left[i] = node.left;
            right[i] = node.right;
            constants[i] = node.constant;
            uniform[i] = node.uniform;
        }
        this.outputs = outputs;
        derivatives = List.copyOf(builder.derivatives.keySet());
        points = List.copyOf(builder.points.keySet());
    }

    public static BatchProgram compile(List<Expr> expressions) {
        Builder builder = new Builder();
        int[] outputs = new int[expressions.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = builder.add(expressions.get(i));
        }
        return new BatchProgram(builder, outputs);
    }

    public int outputCount() {
        return outputs.length;
    }

    /** The derivative inputs, in slot order. */
    public List<Derivative> derivatives() {
        return derivatives;
    }

    /** The point-value inputs, in slot order. */
    public List<PointValue> points() {
        return points;
    }

    public Workspace workspace(int capacity) {
        return new Workspace(kind.length, capacity);
    }

    /**
     * Evaluates every output at {@code count} points.
     *
     * @param x the independent variable, {@code count} values
     * @param derivativeValues per derivative slot, {@code count} values
     * @param pointValues per point slot, one value
     * @param results per output, receives {@code count} values
     */
    public void evaluate(
            Workspace workspace, int count, double[] x, double[][] derivativeValues, double[] pointValues, double[][] results) {
        if (count > workspace.capacity) {
            throw new IllegalArgumentException("workspace holds " + workspace.capacity + " points, not " + count);
        }
        double[][] r = workspace.registers;
        for (int i = 0; i < kind.length; i++) {
            double[] out = r[i];
            switch (kind[i]) {
                case CONSTANT:
                    out[0] = constants[i];
                    break;
                case VARIABLE:
                    System.arraycopy(x, 0, out, 0, count);
                    break;
                case DERIVATIVE:
                    System.arraycopy(derivativeValues[operand[i]], 0, out, 0, count);
                    break;
                case POINT:
                    out[0] = pointValues[operand[i]];
                    break;
                case APPLY:
                    applyFunction(Function.values()[operand[i]], r[left[i]], uniform[left[i]], out, uniform[i] ? 1 : count);
                    break;
                default:
                    applyOperator(
                            Operator.values()[operand[i]],
                            r[left[i]],
                            uniform[left[i]],
                            r[right[i]],
                            uniform[right[i]],
                            out,
                            uniform[i] ? 1 : count);
            }
        }
        for (int o = 0; o < outputs.length; o++) {
            int node = outputs[o];
            double[] target = results[o];
            if (uniform[node]) {
                java.util.Arrays.fill(target, 0, count, r[node][0]);
            } else {
                System.arraycopy(r[node], 0, target, 0, count);
            }
        }
    }

    private static void applyFunction(Function function, double[] a, boolean aUniform, double[] out, int count) {
        if (function == Function.NEGATE) {
            for (int p = 0; p < count; p++) {
                out[p] = -a[aUniform ? 0 : p];
            }
            return;
        }
        for (int p = 0; p < count; p++) {
            out[p] = function.apply(a[aUniform ? 0 : p]);
        }
    }

    private static void applyOperator(
            Operator operator, double[] a, boolean aUniform, double[] b, boolean bUniform, double[] out, int count) {
        int sa = aUniform ? 0 : 1;
        int sb = bUniform ? 0 : 1;
        switch (operator) {
            case ADD:
                for (int p = 0; p < count; p++) {
                    out[p] = a[p * sa] + b[p * sb];
                }
                break;
            case SUBTRACT:
                for (int p = 0; p < count; p++) {
                    out[p] = a[p * sa] - b[p * sb];
                }
                break;
            case MULTIPLY:
                for (int p = 0; p < count; p++) {
                    out[p] = a[p * sa] * b[p * sb];
                }
                break;
            case DIVIDE:
                for (int p = 0; p < count; p++) {
                    out[p] = a[p * sa] / b[p * sb];
                }
                break;
            default:
                for (int p = 0; p < count; p++) {
                    out[p] = Operator.power(a[p * sa], b[p * sb]);
                }
        }
    }

    /** Registers for one evaluation at up to {@code capacity} points; not shared between threads. */
    public static final class Workspace {
        private final double[][] registers;
        private final int capacity;

        private Workspace(int size, int capacity) {
            this.capacity = capacity;
            registers = new double[size][capacity];
        }

        public int capacity() {
            return capacity;
        }
    }

    /** Hash-consing: each distinct subexpression becomes one node. */
    private static final class Builder {
        static final class Node {
            int kind;
            int operand;
            int left = -1;
            int right = -1;
            double constant;
            boolean uniform;
        }

        final List<Node> nodes = new ArrayList<>();
        final Map<Expr, Integer> index = new HashMap<>();
        final Map<Derivative, Integer> derivatives = new LinkedHashMap<>();
        final Map<PointValue, Integer> points = new LinkedHashMap<>();

        int add(Expr e) {
            Integer known = index.get(e);
            if (known != null) {
                return known;
            }
            Node node = new Node();
            if (e instanceof Constant) {
                node.kind = CONSTANT;
                node.constant = ((Constant) e).value();
                node.uniform = true;
            } else if (e instanceof Variable) {
                node.kind = VARIABLE;
            } else if (e instanceof Derivative) {
                node.kind = DERIVATIVE;
                node.operand = derivatives.computeIfAbsent((Derivative) e, k -> derivatives.size());
            } else if (e instanceof PointValue) {
                node.kind = POINT;
                node.operand = points.computeIfAbsent((PointValue) e, k -> points.size());
                node.uniform = true;
            } else if (e instanceof Apply) {
                Apply apply = (Apply) e;
                node.kind = APPLY;
                node.operand = apply.function().ordinal();
                node.left = add(apply.argument());
                node.uniform = nodes.get(node.left).uniform;
            } else {
                Binary binary = (Binary) e;
                node.kind = BINARY;
                node.operand = binary.operator().ordinal();
                node.left = add(binary.left());
                node.right = add(binary.right());
                node.uniform = nodes.get(node.left).uniform && nodes.get(node.right).uniform;
            }
            nodes.add(node);
            int id = nodes.size() - 1;
            index.put(e, id);
            return id;
        }
    }
}
