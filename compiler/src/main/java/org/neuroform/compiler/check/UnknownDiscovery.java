package org.neuroform.compiler.check;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.neuroform.ast.Application;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.LetStatement;
import org.neuroform.ast.Expression;
import org.neuroform.ast.ExpressionVisitor;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.Statement;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.compiler.check.ProblemChecker.Mode;
import org.neuroform.diagnostic.Span;
import static org.neuroform.diagnostic.Diagnostic.quote;

/**
 * Finds the unknowns in the syntax tree, before any expression is resolved: the names written with
 * primes ({@code y'}) and the names applied to a point or to the domain variable ({@code y(0)},
 * {@code y(x)}) that are nothing else. While a problem is still being typed ({@link Mode#PARTIAL}),
 * a plain name that a differential equation uses and nothing defines yet ({@code v} in
 * {@code x' = v}) is a provisional unknown: an equation {@code v' = ...} may follow.
 */
final class UnknownDiscovery extends Phase {
    UnknownDiscovery(CheckState state) {
        super(state);
    }

    /**
     * Unknowns are the names written with primes ({@code y'}) and the names applied to a point
     * or to the domain variable ({@code y(0)}, {@code y(x)}) that are nothing else.
     */
    void discover(List<ParamBinding> params) {
        Set<String> paramNames = new java.util.HashSet<>();
        params.forEach(p -> paramNames.add(p.name()));
        for (Statement statement : program.statements()) {
            if (!(statement instanceof EquationStatement)) {
                continue;
            }
            EquationStatement equation = (EquationStatement) statement;
            for (Expression side : List.of(equation.left(), equation.right())) {
                side.accept(new Discovery(paramNames, false));
            }
        }
        if (mode == Mode.PARTIAL) {
            for (Statement statement : program.statements()) {
                if (statement instanceof EquationStatement && Discovery.isDifferential((EquationStatement) statement)) {
                    EquationStatement equation = (EquationStatement) statement;
                    for (Expression side : List.of(equation.left(), equation.right())) {
                        side.accept(new Discovery(paramNames, true));
                    }
                } else if (statement instanceof LetStatement) {
                    // let energy = y^2/2 typed before y' = ...: y is a provisional unknown too
                    ((LetStatement) statement).value().accept(new Discovery(paramNames, true));
                }
            }
        }
    }

    private final class Discovery implements ExpressionVisitor<Void> {
        private final Set<String> params;
        /** PARTIAL, second pass: plain names nothing defines become provisional unknowns. */
        private final boolean plainNames;

        Discovery(Set<String> params, boolean plainNames) {
            this.params = params;
            this.plainNames = plainNames;
        }

        /** An equation that holds at every point: it has a primed name such as {@code y'}. */
        static boolean isDifferential(EquationStatement equation) {
            return any(equation.left(), name -> name.primes() > 0, application -> false)
                    || any(equation.right(), name -> name.primes() > 0, application -> false);
        }

        private void candidate(String name, Span span, boolean primed) {
            if (scope.unknown(name) >= 0 || scope.isDefinition(name)) {
                return;
            }
            if (Scope.CONSTANTS.containsKey(name)) {
                if (primed) {
                    error("shadows-builtin", span, quote(name) + " is a built-in constant, not an unknown",
                            "choose another name for the unknown");
                }
                return;
            }
            if (params.contains(name) && !primed) {
                return; // k(0) with a param k: reported as "not a function" when resolved
            }
            if (scope.isVariable(name)) {
                if (primed) {
                    error("variable-as-unknown", span, quote(name) + " is the domain variable, not an unknown", "");
                    scope.defineUnknown(name + "'"); // a name nobody can write: no cascade
                }
                return;
            }
            if (Scope.isBuiltinFunction(name)) {
                if (primed) {
                    error("shadows-builtin", span, quote(name) + " is a built-in function, not an unknown", "");
                }
                return;
            }
            scope.defineUnknown(name);
            unknownSpans.put(name, span);
        }

        @Override
        public Void visitNumber(NumberLiteral number) {
            return null;
        }

        @Override
        public Void visitName(NameReference name) {
            if (name.primes() > 0) {
                candidate(name.name(), name.span(), true);
            } else if (plainNames && isUndefined(name.name())) {
                scope.defineUnknown(name.name());
                unknownSpans.put(name.name(), name.span());
                provisional.add(name.name());
            }
            return null;
        }

        private boolean isUndefined(String name) {
            return scope.unknown(name) < 0 && !params.contains(name) && !scope.isVariable(name) && !Scope.isBuiltin(name)
                    && !scope.isDefinition(name);
        }

        @Override
        public Void visitApplication(Application application) {
            boolean pointLike = application.arguments().size() == 1 && !mentionsVariable(application.arguments().get(0));
            boolean atVariable = application.arguments().size() == 1 && isVariable(application.arguments().get(0));
            if (application.primes() > 0 || (!Scope.isBuiltinFunction(application.name()) && (pointLike || atVariable))) {
                candidate(application.name(), application.nameSpan(), application.primes() > 0);
            }
            application.arguments().forEach(a -> a.accept(this));
            return null;
        }

        @Override
        public Void visitUnary(UnaryOperation unary) {
            return unary.operand().accept(this);
        }

        @Override
        public Void visitBinary(BinaryOperation binary) {
            binary.left().accept(this);
            return binary.right().accept(this);
        }

        private boolean isVariable(Expression e) {
            return e instanceof NameReference && ((NameReference) e).primes() == 0
                    && scope.isVariable(((NameReference) e).name());
        }

        private boolean mentionsVariable(Expression e) {
            return any(e, name -> scope.isVariable(name.name()) || name.primes() > 0, application -> application.primes() > 0);
        }

        /**
         * Whether some name in {@code e} passes {@code name}, or some application passes
         * {@code application} (its arguments are searched as well).
         */
        static boolean any(Expression e, Predicate<NameReference> name, Predicate<Application> application) {
            return e.accept(new ExpressionVisitor<Boolean>() {
                @Override
                public Boolean visitNumber(NumberLiteral number) {
                    return false;
                }

                @Override
                public Boolean visitName(NameReference reference) {
                    return name.test(reference);
                }

                @Override
                public Boolean visitApplication(Application call) {
                    return application.test(call) || call.arguments().stream().anyMatch(a -> a.accept(this));
                }

                @Override
                public Boolean visitUnary(UnaryOperation unary) {
                    return unary.operand().accept(this);
                }

                @Override
                public Boolean visitBinary(BinaryOperation binary) {
                    return binary.left().accept(this) || binary.right().accept(this);
                }
            });
        }
    }

}
