using SalesCoach.Api.Admin;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Coaching;
using SalesCoach.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesCoachDefaults();
builder.Services.AddSalesCoachStorage();
builder.Services.AddCallerAuthentication();
builder.Services.AddAdmin();
builder.Services.AddCoaching();

var app = builder.Build();

app.UseSalesCoachDefaults();
app.MapHealthEndpoints();
app.MapAdminApi();
app.MapMeApi();
app.MapConnectionsApi();
app.MapAuditApi();
app.MapCoachingApi();

app.Run();

public partial class Program;
