package org.neuroform.compiler.check;

import org.neuroform.compiler.StatementSubject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.diagnostic.Span;
import static org.neuroform.diagnostic.Diagnostic.quote;

/**
 * Phase 2: every equation, condition and query resolved to symbolic form. An equation holds at
 * every point ({@code y' = -y}), a condition at fixed points ({@code y(0) = 1}); a statement that
 * mixes them, has no unknown, or whose unknowns cancel is an error. Each resolved statement's
 * {@link StatementSubject} is kept for the shell.
 */
final class EquationResolution extends Phase {
    EquationResolution(CheckState state) {
        super(state);
    }

    void run() {
        expressions();
    }

    private void expressions() {
        resolver.checkDefinitions();
        for (int i = 0; i < program.statements().size(); i++) {
            Statement statement = program.statements().get(i);
            if (statement instanceof EquationStatement) {
                int index = i;
                resolveEquation((EquationStatement) statement).ifPresent(subject -> state.subjects.put(index, subject));
            } else if (statement instanceof QueryStatement) {
                QueryStatement query = (QueryStatement) statement;
                resolver.query(query, state.ranges(), Map.of()).ifPresent(queries::add);
            }
        }
    }

    private Optional<StatementSubject> resolveEquation(EquationStatement statement) {
        resolver.clearTermSpans();
        Expr left = resolver.resolve(statement.left(), ExpressionResolver.Context.EQUATION);
        Expr right = resolver.resolve(statement.right(), ExpressionResolver.Context.EQUATION);
        if (ExpressionResolver.failed(left) || ExpressionResolver.failed(right)) {
            return Optional.empty();
        }
        Map<Expr, Span> spans = resolver.termSpans();
        Set<Expr> terms = Sym.unknownTerms(left);
        terms.addAll(Sym.unknownTerms(right));
        Optional<Expr> atX = terms.stream().filter(t -> t instanceof Derivative).findFirst();
        Optional<Expr> atPoint = terms.stream().filter(t -> t instanceof PointValue).findFirst();
        boolean variable = Sym.mentionsVariable(left) || Sym.mentionsVariable(right);
        Span span = statement.span();
        String x = scope.variable().orElse("x");
        if (atX.isPresent() && atPoint.isPresent()) {
            Span point = spans.getOrDefault(atPoint.get(), span);
            Span derivative = spans.getOrDefault(atX.get(), span);
            error("mixed-equation", point, "this statement uses " + quote(source.text(derivative)) + " at every " + x
                    + " and " + quote(source.text(point)) + " at a point: an equation holds at every " + x
                    + ", a condition at fixed points", "a condition looks like y(0) = 1, an equation like y' = -y");
            return Optional.empty();
        }
        if (atX.isEmpty() && atPoint.isEmpty()) {
            error("no-unknown", span, "this equation has no unknown",
                    "an unknown is a name with primes (y') or evaluated at a point (y(0))");
            return Optional.empty();
        }
        if (atPoint.isPresent() && variable) {
            error("condition-depends-on-variable", span, "a condition cannot depend on " + quote(x)
                    + ": it holds at fixed points", "write the point inside the unknown, as in y(0) = 1");
            return Optional.empty();
        }
        Expr residual = Sym.sub(left, right);
        // y' = y' leaves no term; y' + y = y + y' + 2 leaves terms whose partial derivatives are all 0
        boolean cancels = Sym.unknownTerms(residual).stream().allMatch(t -> Sym.partial(residual, t).isConstant(0));
        if (cancels) {
            Expr rest = Sym.substitute(residual, leaf -> leaf instanceof Derivative || leaf instanceof PointValue ? Sym.ZERO : leaf);
            error("unknowns-cancel", span, "the unknowns cancel out: this says "
                    + new Printer(x, scope.unknowns()).print(rest) + " = 0",
                    "an equation or condition must still contain an unknown once both sides are subtracted");
            return Optional.empty();
        }
        ResolvedEquation resolved = new ResolvedEquation(residual, text(span), span, spans);
        (atX.isPresent() ? equations : conditions).add(resolved);
        return StatementSubject.of(residual, scope.unknowns());
    }

}
