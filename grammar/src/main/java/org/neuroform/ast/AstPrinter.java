package org.neuroform.ast;

import java.util.ArrayDeque;
import java.util.Deque;
import org.neuroform.diagnostic.Span;

/**
 * Prints an AST as an indented outline, one node per line, each with its span
 * ({@code @line:column-endColumn}, or {@code @line:column-endLine:endColumn} across lines; end
 * columns are exclusive). Deterministic and readable, for golden tests and debugging:
 *
 * <pre>
 * equation @5:1-13
 *   left: name y' @5:1-3
 *   right: unary - @5:6-13
 *     binary * @5:7-13
 *       number 2 @5:7-8
 *       name y @5:9-10
 * </pre>
 *
 * Iterative rather than recursive, so that the deepest tree the parser accepts prints on any
 * thread.
 */
public final class AstPrinter {
    private AstPrinter() {}

    public static String print(Program program) {
        StringBuilder out = new StringBuilder();
        out.append("program ").append(program.statements().size()).append(" statement")
                .append(program.statements().size() == 1 ? "" : "s").append('\n');
        for (Statement statement : program.statements()) {
            out.append(print(statement, 1));
        }
        return out.toString();
    }

    public static String print(Statement statement) {
        return print(statement, 0);
    }

    private static String print(Statement statement, int depth) {
        StringBuilder out = new StringBuilder();
        statement.accept(new StatementVisitor<Void>() {
            @Override
            public Void visitDomain(DomainStatement domain) {
                line(out, depth, "", "domain " + domain.variable() + " (name" + span(domain.variableSpan()) + ")", domain.span());
                expression(out, depth + 1, "lower: ", domain.lower());
                expression(out, depth + 1, "upper: ", domain.upper());
                return null;
            }

            @Override
            public Void visitParam(ParamStatement param) {
                line(out, depth, "", "param", param.span());
                for (ParamBinding binding : param.bindings()) {
                    line(out, depth + 1, "", "binding " + binding.name() + " (name" + span(binding.nameSpan()) + ")", binding.span());
                    if (binding.ranged()) {
                        line(out, depth + 2, "", "ranged", binding.span());
                        expression(out, depth + 2, "lower: ", binding.lower());
                        expression(out, depth + 2, "upper: ", binding.upper());
                    } else if (binding.estimated()) {
                        line(out, depth + 2, "", "estimated", binding.span());
                        if (binding.bounded()) {
                            expression(out, depth + 2, "lower: ", binding.lower());
                            expression(out, depth + 2, "upper: ", binding.upper());
                        }
                    } else {
                        expression(out, depth + 2, "value: ", binding.value());
                    }
                }
                return null;
            }

            @Override
            public Void visitData(DataStatement data) {
                line(out, depth, "", data.keyword() + " \"" + data.path() + "\" (path" + span(data.pathSpan()) + ")", data.span());
                return null;
            }

            @Override
            public Void visitEquation(EquationStatement equation) {
                line(out, depth, "", "equation", equation.span());
                expression(out, depth + 1, "left: ", equation.left());
                expression(out, depth + 1, "right: ", equation.right());
                return null;
            }

            @Override
            public Void visitTrain(TrainStatement train) {
                line(out, depth, "", "train", train.span());
                for (TrainOption option : train.options()) {
                    line(out, depth + 1, "", "option " + option.key() + " (key" + span(option.keySpan()) + ")"
                            + (option.list() ? " list (brackets" + span(option.valueSpan()) + ")" : ""), option.span());
                    for (Expression value : option.values()) {
                        expression(out, depth + 2, "value: ", value);
                    }
                }
                return null;
            }

            @Override
            public Void visitQuery(QueryStatement query) {
                line(out, depth, "", "query \"" + query.text() + "\"", query.span());
                expression(out, depth + 1, "", query.expression());
                return null;
            }

            @Override
            public Void visitDef(DefStatement def) {
                StringBuilder arguments = new StringBuilder();
                for (int i = 0; i < def.arguments().size(); i++) {
                    arguments.append(i == 0 ? "" : ", ").append(def.arguments().get(i)).append(span(def.argumentSpans().get(i)));
                }
                line(out, depth, "", "def " + def.name() + " (name" + span(def.nameSpan()) + ") arguments (" + arguments + ")",
                        def.span());
                expression(out, depth + 1, "body: ", def.body());
                return null;
            }

            @Override
            public Void visitLet(LetStatement let) {
                line(out, depth, "", "let " + let.name() + " (name" + span(let.nameSpan()) + ")", let.span());
                expression(out, depth + 1, "value: ", let.value());
                return null;
            }
        });
        return out.toString();
    }

    public static String print(Expression expression) {
        StringBuilder out = new StringBuilder();
        expression(out, 0, "", expression);
        return out.toString();
    }

    private record Pending(int depth, String label, Expression expression) {}

    private static void expression(StringBuilder out, int depth, String label, Expression root) {
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(depth, label, root));
        while (!stack.isEmpty()) {
            Pending pending = stack.pop();
            Expression e = pending.expression();
            int d = pending.depth();
            if (e instanceof NumberLiteral) {
                NumberLiteral number = (NumberLiteral) e;
                line(out, d, pending.label(), "number " + number.text(), e.span());
            } else if (e instanceof NameReference) {
                NameReference name = (NameReference) e;
                line(out, d, pending.label(), "name " + name.name() + "'".repeat(name.primes()), e.span());
            } else if (e instanceof Application) {
                Application application = (Application) e;
                line(out, d, pending.label(), "apply " + application.name() + "'".repeat(application.primes())
                        + " (name" + span(application.nameSpan()) + ")", e.span());
                for (int i = application.values().size() - 1; i >= 0; i--) {
                    ParamValue value = application.values().get(i);
                    stack.push(new Pending(d + 1, value.name() + " = ", value.value()));
                }
                for (int i = application.arguments().size() - 1; i >= 0; i--) {
                    stack.push(new Pending(d + 1, "", application.arguments().get(i)));
                }
            } else if (e instanceof UnaryOperation) {
                UnaryOperation unary = (UnaryOperation) e;
                line(out, d, pending.label(), "unary " + unary.operator().symbol(), e.span());
                stack.push(new Pending(d + 1, "", unary.operand()));
            } else {
                BinaryOperation binary = (BinaryOperation) e;
                line(out, d, pending.label(), "binary " + binary.operator().symbol(), e.span());
                stack.push(new Pending(d + 1, "", binary.right()));
                stack.push(new Pending(d + 1, "", binary.left()));
            }
        }
    }

    private static void line(StringBuilder out, int depth, String label, String text, Span span) {
        out.append("  ".repeat(depth)).append(label).append(text).append(span(span)).append('\n');
    }

    /** {@code " @3:7-12"}; {@code " @3:7-4:2"} across lines; empty for a span with no place. */
    static String span(Span span) {
        if (!span.isKnown()) {
            return "";
        }
        String end = span.endLine() == span.line()
                ? Integer.toString(span.endColumn())
                : span.endLine() + ":" + span.endColumn();
        return " @" + span.line() + ":" + span.column() + "-" + end;
    }
}
