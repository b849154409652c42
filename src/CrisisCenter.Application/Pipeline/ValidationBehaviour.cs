using Mediator;

namespace CrisisCenter.Application.Pipeline;

/// <summary>Runs a message's own field checks before its handler; invalid messages never reach a grain.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IValidate, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var problems = message.Validate();
        if (problems.Count > 0) throw new RequestValidationException(problems);
        return next(message, cancellationToken);
    }
}
