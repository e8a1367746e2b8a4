package org.neuroform.compiler.check;

import java.util.List;
import java.util.Optional;
import org.neuroform.ast.Application;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.Expression;
import org.neuroform.ast.ExpressionVisitor;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.ast.UnaryOperator;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.sym.Constant;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Function;
import org.neuroform.compiler.sym.Operator;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.sym.Variable;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;

/**
 * Resolves the names of an AST expression and builds its symbolic form. Mistakes become
 * diagnostics; the expression that contained one comes back as {@link #FAILED}, which later
 * checks ignore so that one mistake is reported once.
 */
final class ExpressionResolver {

    /** Where an expression stands, which decides what it may mention. */
    enum Context {
        /** params, domain bounds, condition points, train values: numbers only */
        CONSTANT,
        /** equations and conditions: x, y, y', y(x), y'(0) ... (classified afterwards) */
        EQUATION,
        /** queries: y(1.5), y'(0.2), u(2) - v(2), constants */
        QUERY
    }

    /** Stands for an expression with an error already reported. */
    static final Expr FAILED = new Constant(Double.NaN);

    private final Scope scope;
    private final List<Diagnostic> diagnostics;

    ExpressionResolver(Scope scope, List<Diagnostic> diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
    }

    static boolean failed(Expr e) {
        return e instanceof Constant && Double.isNaN(((Constant) e).value());
    }

    Expr resolve(Expression expression, Context context) {
        Expr result = expression.accept(new Visitor(context));
        if (!failed(result) && result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
            return error(expression.span(), "not-finite", "this evaluates to " + ((Constant) result).value()
                    + ", not a finite number", "");
        }
        return result;
    }

    /** Resolves a constant expression to its value; empty (with a diagnostic) when it is not one. */
    Optional<Double> constant(Expression expression, String what) {
        Expr e = resolve(expression, Context.CONSTANT);
        if (failed(e)) {
            return Optional.empty();
        }
        if (!(e instanceof Constant)) {
            error(expression.span(), "not-constant", what + " must be a constant expression", "");
            return Optional.empty();
        }
        return Optional.of(((Constant) e).value());
    }

    private Expr error(Span span, String code, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, span, message, hint));
        return FAILED;
    }

    private final class Visitor implements ExpressionVisitor<Expr> {
        private final Context context;

        Visitor(Context context) {
            this.context = context;
        }

        @Override
        public Expr visitNumber(NumberLiteral number) {
            if (!Double.isFinite(number.value())) {
                return error(number.span(), "number-too-large", "the number " + number.text()
                        + " is too large for double precision (at most about 1.8e308)", "");
            }
            return Sym.constant(number.value());
        }

        @Override
        public Expr visitName(NameReference reference) {
            String name = reference.name();
            Span span = reference.span();
            int unknown = scope.unknown(name);
            if (reference.primes() > 0) {
                if (unknown < 0) {
                    return error(span, "derivative-of-non-unknown", "'" + name + "' is not an unknown: only unknowns have derivatives", "");
                }
                return unknownAtX(unknown, reference.primes(), span);
            }
            if (unknown >= 0) {
                return unknownAtX(unknown, 0, span);
            }
            if (scope.isVariable(name)) {
                if (context != Context.EQUATION) {
                    return error(span, "variable-in-constant", "'" + name + "' is the domain variable; a constant is needed here",
                            context == Context.QUERY ? "query a value at a point, such as y(1.5)" : "");
                }
                return Variable.INSTANCE;
            }
            Double param = scope.params().get(name);
            if (param != null) {
                scope.useParam(name);
                return Sym.constant(param);
            }
            Double constant = Scope.CONSTANTS.get(name);
            if (constant != null) {
                return Sym.constant(constant);
            }
            if (scope.pendingParams().contains(name)) {
                return error(span, "param-used-before-definition", "param '" + name + "' is used before it is defined",
                        "move its definition up");
            }
            if (Scope.isBuiltinFunction(name)) {
                return error(span, "function-without-argument", "'" + name + "' is a function", "write " + name + "(...)");
            }
            Optional<String> suggestion = Suggestions.closest(name, scope.knownNames(false));
            return error(span, "undefined-name", "undefined name '" + name + "'",
                    suggestion.map(s -> "did you mean '" + s + "'?").orElse(""));
        }

        private Expr unknownAtX(int unknown, int order, Span span) {
            String written = scope.unknowns().get(unknown) + "'".repeat(order);
            if (context == Context.CONSTANT) {
                return error(span, "unknown-in-constant", "the unknown '" + written + "' cannot appear in a constant expression", "");
            }
            if (context == Context.QUERY) {
                return error(span, "query-needs-point", "'" + written + "' needs a point in a query",
                        "write " + written + "(" + Printer.number(scope.domain().map(Domain::lower).orElse(0.0)) + ")");
            }
            return new Derivative(unknown, order);
        }

        @Override
        public Expr visitApplication(Application application) {
            String name = application.name();
            List<Expression> arguments = application.arguments();
            Optional<Function> builtin = Function.builtin(name);
            int unknown = scope.unknown(name);
            if (builtin.isPresent() && unknown < 0) {
                if (application.primes() > 0) {
                    return error(application.nameSpan(), "derivative-of-non-unknown",
                            "'" + name + "' is a built-in function: only unknowns have derivatives", "");
                }
                if (arguments.size() != 1) {
                    return error(application.span(), "arity", "'" + name + "' takes 1 argument, not " + arguments.size(), "");
                }
                Expr argument = arguments.get(0).accept(this);
                if (failed(argument)) {
                    return FAILED;
                }
                Expr result = Sym.apply(builtin.get(), argument);
                if (result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
                    return error(application.span(), "not-finite", "this evaluates to " + ((Constant) result).value()
                            + ", not a finite number", "");
                }
                return result;
            }
            if (unknown >= 0) {
                String written = name + "'".repeat(application.primes());
                if (arguments.size() != 1) {
                    return error(application.span(), "arity", "'" + written + "' takes 1 argument (a point), not " + arguments.size(), "");
                }
                Expression argument = arguments.get(0);
                if (argument instanceof NameReference && ((NameReference) argument).primes() == 0
                        && scope.isVariable(((NameReference) argument).name())) {
                    return unknownAtX(unknown, application.primes(), application.span());
                }
                Expr point = resolve(argument, Context.CONSTANT);
                if (failed(point)) {
                    return FAILED;
                }
                if (!(point instanceof Constant)) {
                    return error(argument.span(), "non-constant-point", "the point must be a constant or '"
                            + scope.variable().orElse("x") + "'", "");
                }
                double at = ((Constant) point).value();
                Optional<Domain> domain = scope.domain();
                if (domain.isPresent() && !domain.get().contains(at)) {
                    Domain d = domain.get();
                    return error(argument.span(), "point-outside-domain", "the point " + Printer.number(at) + " is outside the domain ["
                            + Printer.number(d.lower()) + ", " + Printer.number(d.upper()) + "]",
                            context == Context.QUERY ? "a trained solution is only known on its domain" : "");
                }
                if (context == Context.CONSTANT) {
                    return error(application.span(), "unknown-in-constant", "the unknown '" + written + "' cannot appear in a constant expression", "");
                }
                return new PointValue(unknown, application.primes(), domain.map(d -> d.clamp(at)).orElse(at));
            }
            if (scope.params().containsKey(name) || Scope.CONSTANTS.containsKey(name) || scope.isVariable(name)) {
                return error(application.nameSpan(), "not-a-function", "'" + name + "' is not a function",
                        "write " + name + "*(...) to multiply");
            }
            Optional<String> suggestion = Suggestions.closest(name, scope.knownNames(true));
            return error(application.nameSpan(), "undefined-function", "undefined function '" + name + "'",
                    suggestion.map(s -> "did you mean '" + s + "'?").orElse(""));
        }

        @Override
        public Expr visitUnary(UnaryOperation unary) {
            Expr operand = unary.operand().accept(this);
            if (failed(operand)) {
                return FAILED;
            }
            return unary.operator() == UnaryOperator.MINUS ? Sym.neg(operand) : operand;
        }

        @Override
        public Expr visitBinary(BinaryOperation binary) {
            Expr left = binary.left().accept(this);
            Expr right = binary.right().accept(this);
            if (failed(left) || failed(right)) {
                return FAILED;
            }
            Operator operator = Operator.valueOf(binary.operator().name());
            if (operator == Operator.DIVIDE && right.isConstant(0)) {
                return error(binary.right().span(), "division-by-zero", "division by zero", "");
            }
            Expr result = Sym.binary(operator, left, right);
            if (result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
                return error(binary.span(), "not-finite", "this evaluates to " + ((Constant) result).value()
                        + ", not a finite number", "");
            }
            return result;
        }
    }
}
