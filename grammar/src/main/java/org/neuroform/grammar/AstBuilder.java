package org.neuroform.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.neuroform.ast.Application;
import org.neuroform.ast.ParamValue;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.BinaryOperator;
import org.neuroform.ast.DataStatement;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.LetStatement;
import org.neuroform.ast.Expression;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.ast.TrainOption;
import org.neuroform.ast.TrainStatement;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.ast.UnaryOperator;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/** Builds AST records from a parse tree that has no syntax errors. */
final class AstBuilder {
    private final SourceFile source;

    AstBuilder(SourceFile source) {
        this.source = source;
    }

    Statement statement(OdeParser.StatementContext context) {
        if (context instanceof OdeParser.DomainStatementContext) {
            OdeParser.DomainStatementContext domain = (OdeParser.DomainStatementContext) context;
            return new DomainStatement(
                    domain.variable.getText(),
                    Tokens.span(domain.variable),
                    expression(domain.lower),
                    expression(domain.upper),
                    span(context));
        }
        if (context instanceof OdeParser.ParamStatementContext) {
            List<ParamBinding> bindings = new ArrayList<>();
            for (OdeParser.ParamBindingContext binding : ((OdeParser.ParamStatementContext) context).paramBinding()) {
                if (binding instanceof OdeParser.KnownParamContext) {
                    OdeParser.KnownParamContext known = (OdeParser.KnownParamContext) binding;
                    bindings.add(new ParamBinding(known.name.getText(), Tokens.span(known.name), expression(known.value), span(binding)));
                } else if (binding instanceof OdeParser.EstimatedParamContext) {
                    OdeParser.EstimatedParamContext estimated = (OdeParser.EstimatedParamContext) binding;
                    bindings.add(new ParamBinding(estimated.name.getText(), Tokens.span(estimated.name), null,
                            estimated.lower == null ? null : expression(estimated.lower),
                            estimated.upper == null ? null : expression(estimated.upper), false, span(binding)));
                } else {
                    OdeParser.RangedParamContext ranged = (OdeParser.RangedParamContext) binding;
                    bindings.add(new ParamBinding(ranged.name.getText(), Tokens.span(ranged.name), null, expression(ranged.lower),
                            expression(ranged.upper), true, span(binding)));
                }
            }
            return new ParamStatement(bindings, span(context));
        }
        if (context instanceof OdeParser.TrainStatementContext) {
            List<TrainOption> options = new ArrayList<>();
            for (OdeParser.TrainOptionContext option : ((OdeParser.TrainStatementContext) context).trainOption()) {
                options.add(trainOption(option));
            }
            return new TrainStatement(options, span(context));
        }
        if (context instanceof OdeParser.DataStatementContext) {
            OdeParser.DataStatementContext data = (OdeParser.DataStatementContext) context;
            String quoted = data.path.getText();
            return new DataStatement(data.keyword.getText(), Tokens.span(data.keyword), quoted.substring(1, quoted.length() - 1),
                    Tokens.span(data.path), span(context));
        }
        if (context instanceof OdeParser.DefStatementContext) {
            OdeParser.DefStatementContext def = (OdeParser.DefStatementContext) context;
            List<String> arguments = new ArrayList<>();
            List<Span> argumentSpans = new ArrayList<>();
            for (Token argument : def.arguments) {
                arguments.add(argument.getText());
                argumentSpans.add(Tokens.span(argument));
            }
            return new DefStatement(def.name.getText(), Tokens.span(def.name), arguments, argumentSpans, expression(def.body),
                    span(context));
        }
        if (context instanceof OdeParser.LetStatementContext) {
            OdeParser.LetStatementContext let = (OdeParser.LetStatementContext) context;
            return new LetStatement(let.name.getText(), Tokens.span(let.name), expression(let.value), span(context));
        }
        if (context instanceof OdeParser.EquationStatementContext) {
            OdeParser.EquationStatementContext equation = (OdeParser.EquationStatementContext) context;
            return new EquationStatement(
                    expression(equation.left),
                    expression(equation.right),
                    Tokens.span(equation.EQUALS().getSymbol()),
                    span(context));
        }
        OdeParser.QueryStatementContext query = (OdeParser.QueryStatementContext) context;
        Span span = span(context);
        return new QueryStatement(expression(query.expr()), source.text(span).strip(), span);
    }

    private TrainOption trainOption(OdeParser.TrainOptionContext context) {
        if (context instanceof OdeParser.ListOptionContext) {
            OdeParser.ListOptionContext list = (OdeParser.ListOptionContext) context;
            List<Expression> values = new ArrayList<>();
            for (OdeParser.ExprContext value : list.expr()) {
                values.add(expression(value));
            }
            Span valueSpan = Tokens.span(list.LBRACKET().getSymbol(), list.RBRACKET().getSymbol());
            return new TrainOption(list.key.getText(), Tokens.span(list.key), values, true, valueSpan, span(context));
        }
        OdeParser.ScalarOptionContext scalar = (OdeParser.ScalarOptionContext) context;
        Expression value = expression(scalar.expr());
        return new TrainOption(
                scalar.key.getText(), Tokens.span(scalar.key), List.of(value), false, value.span(), span(context));
    }

    Expression expression(OdeParser.ExprContext context) {
        return additive(context.additive());
    }

    private Expression additive(OdeParser.AdditiveContext context) {
        List<OdeParser.MultiplicativeContext> operands = context.multiplicative();
        Expression result = multiplicative(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            Token operator = context.operators.get(i - 1);
            Expression right = multiplicative(operands.get(i));
            BinaryOperator op = operator.getType() == OdeLexer.PLUS ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            result = new BinaryOperation(op, result, right, Tokens.span(operator), result.span().to(right.span()));
        }
        return result;
    }

    private Expression multiplicative(OdeParser.MultiplicativeContext context) {
        List<OdeParser.UnaryContext> operands = context.unary();
        Expression result = unary(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            Token operator = context.operators.get(i - 1);
            Expression right = unary(operands.get(i));
            BinaryOperator op = operator.getType() == OdeLexer.STAR ? BinaryOperator.MULTIPLY : BinaryOperator.DIVIDE;
            result = new BinaryOperation(op, result, right, Tokens.span(operator), result.span().to(right.span()));
        }
        return result;
    }

    private Expression unary(OdeParser.UnaryContext context) {
        if (context instanceof OdeParser.SignedContext) {
            OdeParser.SignedContext signed = (OdeParser.SignedContext) context;
            UnaryOperator op = signed.sign.getType() == OdeLexer.MINUS ? UnaryOperator.MINUS : UnaryOperator.PLUS;
            return new UnaryOperation(op, unary(signed.unary()), span(context));
        }
        return power(((OdeParser.UnsignedContext) context).power());
    }

    private Expression power(OdeParser.PowerContext context) {
        Expression base = primary(context.base);
        if (context.exponent == null) {
            return base;
        }
        Expression exponent = unary(context.exponent);
        return new BinaryOperation(
                BinaryOperator.POWER,
                base,
                exponent,
                Tokens.span(context.CARET().getSymbol()),
                base.span().to(exponent.span()));
    }

    private Expression primary(OdeParser.PrimaryContext context) {
        if (context instanceof OdeParser.NumberLiteralContext) {
            String text = context.getText();
            return new NumberLiteral(Double.parseDouble(text), text, span(context));
        }
        if (context instanceof OdeParser.ApplicationContext) {
            OdeParser.ApplicationContext application = (OdeParser.ApplicationContext) context;
            List<Expression> arguments = new ArrayList<>();
            for (OdeParser.ExprContext argument : application.expr()) {
                arguments.add(expression(argument));
            }
            List<TerminalNode> primes = application.PRIME();
            Span nameSpan = primes.isEmpty()
                    ? Tokens.span(application.name)
                    : Tokens.span(application.name, primes.get(primes.size() - 1).getSymbol());
            List<ParamValue> values = new ArrayList<>();
            for (OdeParser.ParamValueContext value : application.paramValue()) {
                values.add(new ParamValue(value.name.getText(), Tokens.span(value.name), expression(value.value), span(value)));
            }
            return new Application(
                    application.name.getText(), primes.size(), arguments, values, nameSpan, span(context));
        }
        if (context instanceof OdeParser.NameReferenceContext) {
            OdeParser.NameReferenceContext name = (OdeParser.NameReferenceContext) context;
            return new NameReference(name.name.getText(), name.PRIME().size(), span(context));
        }
        return expression(((OdeParser.ParenthesizedContext) context).expr());
    }

    private static Span span(ParserRuleContext context) {
        Token stop = context.getStop() != null && context.getStop().getType() != Token.EOF
                ? context.getStop()
                : context.getStart();
        return Tokens.span(context.getStart(), stop);
    }
}
