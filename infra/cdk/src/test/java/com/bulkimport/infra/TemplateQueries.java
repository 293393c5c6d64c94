package com.bulkimport.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a synthesized template as plain maps, so tests can compare whole values exactly. */
@SuppressWarnings("unchecked")
public final class TemplateQueries {

    private final Map<String, Object> resources;
    private final Stack stack;

    public TemplateQueries(Template template, Stack stack) {
        this.resources = (Map<String, Object>) template.toJSON().get("Resources");
        this.stack = stack;
    }

    public static TemplateQueries ofDefaultStack() {
        return new TemplateQueries(SynthesizedStack.template(), SynthesizedStack.stack());
    }

    /** Logical ids of every resource of this type, in template order. */
    public List<String> ids(String type) {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (type.equals(((Map<String, Object>) r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Map<String, Object> resource(String id) {
        return (Map<String, Object>) resources.get(id);
    }

    public Map<String, Object> properties(String id) {
        return (Map<String, Object>) resource(id).get("Properties");
    }

    /** The one resource of this type whose property has this value. */
    public String idWhere(String type, String property, Object value) {
        List<String> matches = ids(type).stream().filter(id -> value.equals(properties(id).get(property))).toList();
        if (matches.size() != 1) {
            throw new AssertionError(type + " with " + property + "=" + value + ": " + matches);
        }
        return matches.get(0);
    }

    public Object resolve(Object token) {
        return stack.resolve(token);
    }

    public Map<String, Object> taskDefinition(String family) {
        return properties(idWhere("AWS::ECS::TaskDefinition", "Family", family));
    }

    public Map<String, Object> container(String family, String name) {
        for (Object c : (List<Object>) taskDefinition(family).get("ContainerDefinitions")) {
            Map<String, Object> container = (Map<String, Object>) c;
            if (name.equals(container.get("Name"))) {
                return container;
            }
        }
        throw new AssertionError("no container " + name + " in " + family);
    }

    /** A container's environment as name → value. */
    public Map<String, Object> environment(String family, String name) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object e : (List<Object>) container(family, name).get("Environment")) {
            Map<String, Object> entry = (Map<String, Object>) e;
            env.put((String) entry.get("Name"), entry.get("Value"));
        }
        return env;
    }

    /** Every statement of every policy attached to the role under this task definition's property. */
    public List<Map<String, Object>> roleStatements(String family, String roleProperty) {
        Map<String, Object> arn = (Map<String, Object>) taskDefinition(family).get(roleProperty);
        String roleId = (String) ((List<Object>) arn.get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String policy : ids("AWS::IAM::Policy")) {
            Map<String, Object> props = properties(policy);
            if (((List<Object>) props.get("Roles")).contains(Map.of("Ref", roleId))) {
                statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement"));
            }
        }
        return statements;
    }
}
