using CrisisCenter.Application.Pipeline;

namespace CrisisCenter.Web.Api;

/// <summary>Checks every endpoint argument that can check itself (<see cref="IValidate"/>) before the handler runs:
/// the same rule objects the mediator's validation behaviour uses, applied at the HTTP edge to request bodies.</summary>
public sealed class ValidateInputFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidate input)
            {
                var problems = input.Validate();
                if (problems.Count > 0) throw new RequestValidationException(problems);
            }
        }
        return next(context);
    }
}
