import { IsUUID } from 'class-validator';

/** Path parameter `:id`; a malformed ID is a 400 naming the field, never a database error. */
export class IdParamDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
