using SalesCoach.Api.Admin;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Coaching;
using SalesCoach.Api.Content;
using SalesCoach.Api.Infrastructure;
using SalesCoach.Api.Privacy;
using SalesCoach.Api.Surfaces;
using SalesCoach.Crm;
using SalesCoach.Inference;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesCoachDefaults();
builder.Services.AddSalesCoachStorage();
builder.Services.AddCallerAuthentication();
builder.Services.AddCrm();
builder.Services.AddInference();
builder.Services.AddCoaching();
builder.Services.AddContent();
builder.Services.AddPrivacy();
builder.Services.AddSurfaces();

var app = builder.Build();

app.UseSalesCoachDefaults();
app.MapHealthEndpoints();
app.MapAdminApi();
app.MapMeApi();
app.MapConnectionsApi();
app.MapAuditApi();
app.MapCoachingApi();
app.MapContentApi();
app.MapPrivacyApi();
app.MapSurfaces();

app.Run();

public partial class Program;
