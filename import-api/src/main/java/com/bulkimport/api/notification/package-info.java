/** A user's default addresses for the mail that announces the end of their imports ({@code /api/me/notifications}). */
package com.bulkimport.api.notification;
