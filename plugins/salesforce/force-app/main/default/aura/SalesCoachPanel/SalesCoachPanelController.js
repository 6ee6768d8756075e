({
    buildParameters: function (component) {
        var recordId = component.get("v.recordId");
        component.set("v.canvasParameters", JSON.stringify({ recordId: recordId || null }));
    }
})
