using SalesCoach.Api.Admin;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Content;
using SalesCoach.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesCoachDefaults();
builder.Services.AddSalesCoachStorage();
builder.Services.AddCallerAuthentication();
builder.Services.AddAdmin();
builder.Services.AddContent();

var app = builder.Build();

app.UseSalesCoachDefaults();
app.MapHealthEndpoints();
app.MapAdminApi();
app.MapMeApi();
app.MapConnectionsApi();
app.MapContentApi();

app.Run();

public partial class Program;
