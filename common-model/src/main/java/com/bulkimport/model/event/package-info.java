/** The event envelope and one payload record per event type (docs/asyncapi.yaml describes them). */
package com.bulkimport.model.event;
