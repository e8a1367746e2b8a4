/*
 * The .ode language: one statement per line (newlines inside brackets and after an
 * operator, comma or '=' are removed before parsing by StatementSplitter, so the grammar
 * only ever sees one complete statement). No actions: the AST is built by AstBuilder.
 */
grammar Ode;

statementLine
    : statement EOF
    ;

statement
    : DOMAIN variable=IDENT IN LBRACKET lower=expr COMMA upper=expr RBRACKET   # domainStatement
    | PARAM paramBinding (COMMA paramBinding)*                              # paramStatement
    | TRAIN trainOption (COMMA trainOption)*                                # trainStatement
    | keyword=IDENT path=STRING                                             # dataStatement
    | DEF name=IDENT LPAREN (arguments+=IDENT (COMMA arguments+=IDENT)*)? RPAREN EQUALS body=expr   # defStatement
    | LET name=IDENT EQUALS value=expr                                      # letStatement
    | left=expr EQUALS right=expr                                           # equationStatement
    | expr                                                                  # queryStatement
    ;

// k = 2 (known), k = ? (estimated from data), k = ? in [0, 5] (estimated within bounds),
// k in [0.1, 1] (ranged: a solution for every value in the range)
paramBinding
    : name=IDENT EQUALS value=expr                                                   # knownParam
    | name=IDENT EQUALS QUESTION (IN LBRACKET lower=expr COMMA upper=expr RBRACKET)?   # estimatedParam
    | name=IDENT IN LBRACKET lower=expr COMMA upper=expr RBRACKET                      # rangedParam
    ;

trainOption
    : key=IDENT EQUALS LBRACKET (expr (COMMA expr)*)? RBRACKET   # listOption
    | key=IDENT EQUALS expr                                      # scalarOption
    ;

expr
    : additive
    ;

additive
    : multiplicative (operators+=(PLUS | MINUS) multiplicative)*
    ;

multiplicative
    : unary (operators+=(STAR | SLASH) unary)*
    ;

// Unary minus binds looser than '^': -x^2 is -(x^2); the exponent may itself be signed: x^-2.
unary
    : sign=(PLUS | MINUS) unary     # signed
    | power                         # unsigned
    ;

// '^' is right-associative: 2^3^2 is 2^(3^2).
power
    : base=primary (CARET exponent=unary)?
    ;

primary
    : NUMBER                                                   # numberLiteral
    | name=IDENT PRIME* LPAREN expr (COMMA expr)* (SEMICOLON paramValue (COMMA paramValue)*)? RPAREN   # application
    | name=IDENT PRIME*                                        # nameReference
    | LPAREN expr RPAREN                                       # parenthesized
    ;

// y(1.5; k = 0.3): a query at a value of a ranged param
paramValue
    : name=IDENT EQUALS value=expr
    ;

DOMAIN : 'domain' ;
PARAM  : 'param' ;
TRAIN  : 'train' ;
DEF    : 'def' ;
LET    : 'let' ;
IN     : 'in' ;

NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;

IDENT : [a-zA-Z_] [a-zA-Z_0-9]* ;

// Only a data file's path is a string (data "file.csv"; 'data' is not reserved): "file.csv", on one line, no escapes.
STRING : '"' ~["\r\n]* '"' ;

PRIME    : '\'' ;
PLUS     : '+' ;
MINUS    : '-' ;
STAR     : '*' ;
SLASH    : '/' ;
CARET    : '^' ;
QUESTION : '?' ;
EQUALS   : '=' ;
COMMA    : ',' ;
SEMICOLON : ';' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;

NEWLINE : '\r'? '\n' | '\r' ;

WHITESPACE : [ \t\f]+ -> skip ;
BYTE_ORDER_MARK : '\uFEFF' -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Characters the language does not use. They become tokens (not lexer errors) so that
// StatementSplitter can explain them: a Unicode prime, a superscript, a stray symbol.
UNEXPECTED_CHARACTER : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
