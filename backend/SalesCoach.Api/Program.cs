using SalesCoach.Api.Admin;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Infrastructure;
using SalesCoach.Inference;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesCoachDefaults();
builder.Services.AddSalesCoachStorage();
builder.Services.AddCallerAuthentication();
builder.Services.AddAdmin();
builder.Services.AddInference();

var app = builder.Build();

app.UseSalesCoachDefaults();
app.MapHealthEndpoints();
app.MapAdminApi();
app.MapMeApi();
app.MapConnectionsApi();
app.MapAuditApi();

app.Run();

public partial class Program;
