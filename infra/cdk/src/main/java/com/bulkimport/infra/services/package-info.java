/** The three ECS Fargate services, their images, containers, roles and metrics sidecars. */
package com.bulkimport.infra.services;
