package org.neuroform.compiler.frontend;

import java.util.List;
import org.neuroform.ast.Application;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.DataStatement;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.Expression;
import org.neuroform.ast.ExpressionVisitor;
import org.neuroform.ast.LetStatement;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.ast.TrainOption;
import org.neuroform.ast.TrainStatement;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.diagnostic.Span;

/**
 * Moves every span of a statement by whole lines (and the matching number of characters):
 * a statement typed on its own keeps its tree when the shell places it after the others.
 * Columns do not change, because a statement is always moved together with the start of its line.
 */
final class SpanShift implements ExpressionVisitor<Expression> {
    private final int lines;
    private final int characters;

    SpanShift(int lines, int characters) {
        this.lines = lines;
        this.characters = characters;
    }

    private Span shift(Span span) {
        return span.shifted(lines, characters);
    }

    Statement statement(Statement statement) {
        if (lines == 0 && characters == 0) {
            return statement;
        }
        if (statement instanceof DomainStatement) {
            DomainStatement d = (DomainStatement) statement;
            return new DomainStatement(d.variable(), shift(d.variableSpan()), d.lower().accept(this), d.upper().accept(this),
                    shift(d.span()));
        }
        if (statement instanceof ParamStatement) {
            ParamStatement p = (ParamStatement) statement;
            List<ParamBinding> bindings = p.bindings().stream()
                    .map(b -> new ParamBinding(b.name(), shift(b.nameSpan()), shifted(b.value()), shifted(b.lower()),
                            shifted(b.upper()), b.ranged(), shift(b.span())))
                    .toList();
            return new ParamStatement(bindings, shift(p.span()));
        }
        if (statement instanceof EquationStatement) {
            EquationStatement e = (EquationStatement) statement;
            return new EquationStatement(e.left().accept(this), e.right().accept(this), shift(e.equalsSpan()), shift(e.span()));
        }
        if (statement instanceof TrainStatement) {
            TrainStatement t = (TrainStatement) statement;
            List<TrainOption> options = t.options().stream()
                    .map(o -> new TrainOption(o.key(), shift(o.keySpan()), o.values().stream().map(v -> v.accept(this)).toList(),
                            o.list(), shift(o.valueSpan()), shift(o.span())))
                    .toList();
            return new TrainStatement(options, shift(t.span()));
        }
        if (statement instanceof DataStatement) {
            DataStatement d = (DataStatement) statement;
            return new DataStatement(d.keyword(), shift(d.keywordSpan()), d.path(), shift(d.pathSpan()), shift(d.span()));
        }
        if (statement instanceof DefStatement) {
            DefStatement d = (DefStatement) statement;
            return new DefStatement(d.name(), shift(d.nameSpan()), d.arguments(), d.argumentSpans().stream().map(this::shift).toList(),
                    d.body().accept(this), shift(d.span()));
        }
        if (statement instanceof LetStatement) {
            LetStatement l = (LetStatement) statement;
            return new LetStatement(l.name(), shift(l.nameSpan()), l.value().accept(this), shift(l.span()));
        }
        QueryStatement q = (QueryStatement) statement;
        return new QueryStatement(q.expression().accept(this), q.text(), shift(q.span()));
    }

    private Expression shifted(Expression e) {
        return e == null ? null : e.accept(this);
    }

    @Override
    public Expression visitNumber(NumberLiteral number) {
        return new NumberLiteral(number.value(), number.text(), shift(number.span()));
    }

    @Override
    public Expression visitName(NameReference name) {
        return new NameReference(name.name(), name.primes(), shift(name.span()));
    }

    @Override
    public Expression visitApplication(Application application) {
        return new Application(application.name(), application.primes(),
                application.arguments().stream().map(a -> a.accept(this)).toList(),
                application.values().stream().map(v -> new org.neuroform.ast.ParamValue(v.name(), shift(v.nameSpan()),
                        v.value().accept(this), shift(v.span()))).toList(),
                shift(application.nameSpan()), shift(application.span()));
    }

    @Override
    public Expression visitUnary(UnaryOperation unary) {
        return new UnaryOperation(unary.operator(), unary.operand().accept(this), shift(unary.span()));
    }

    @Override
    public Expression visitBinary(BinaryOperation binary) {
        return new BinaryOperation(binary.operator(), binary.left().accept(this), binary.right().accept(this),
                shift(binary.operatorSpan()), shift(binary.span()));
    }
}
